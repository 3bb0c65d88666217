package io.lightningdb.spring.data.convert;

/**
 * Turns entities into the bytes stored as values, and back. Implementations must be thread-safe
 * and stable: bytes written by one version of an application must still decode in the next.
 *
 * <p>{@link JsonEntityCodec} is the default; {@link CborEntityCodec} trades readability for size and
 * speed. A custom codec is plugged in through the template:
 *
 * <pre>{@code
 * @Bean
 * LightningTemplate lightningTemplate(LightningDb db) {
 *     return new LightningTemplate(db, new CborEntityCodec());
 * }
 * }</pre>
 *
 * <p>Failures may be thrown as any runtime exception; the template reports them as {@code
 * InvalidDataAccessApiUsageException} (encoding) or {@code DataRetrievalFailureException} (decoding).
 */
public interface EntityCodec {

    /** The stored form of {@code entity}. */
    byte[] encode(Object entity);

    /** Rebuilds an entity of {@code type} from bytes produced by {@link #encode(Object)}. */
    <T> T decode(byte[] bytes, Class<T> type);
}
