package io.lightningdb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * An optimistic ACID transaction. Reads see the snapshot taken at {@link LightningDb#begin()}
 * merged with this transaction's own writes (read-your-writes, in gets and in scans); writes are
 * buffered until {@link #commit()}, which applies all of them atomically or, on a conflict, none.
 *
 * <pre>{@code
 * try (Transaction tx = db.begin()) {
 *     long from = Long.parseLong(tx.get("account:a"));
 *     long to = Long.parseLong(tx.get("account:b"));
 *     tx.put("account:a", Long.toString(from - 10));
 *     tx.put("account:b", Long.toString(to + 10));
 *     tx.commit();        // TransactionConflictException if a concurrent commit wrote these keys
 * }                       // close() rolls back a transaction that was not committed
 * }</pre>
 *
 * <p>Not thread-safe: use a transaction from one thread at a time. Every method called after
 * commit, rollback or close throws {@link IllegalStateException}.
 */
public interface Transaction extends ReadOperations, AutoCloseable {

    /** Buffers a put of {@code value} under {@code key}. */
    void put(byte[] key, byte[] value);

    /** Buffers a put that expires {@code ttl} after commit. */
    void put(byte[] key, byte[] value, Duration ttl);

    /** Buffers a put of UTF-8 strings. */
    default void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        put(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Buffers a put of UTF-8 strings that expires {@code ttl} after commit. */
    default void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        put(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), ttl);
    }

    /** Buffers a delete of {@code key}. */
    void delete(byte[] key);

    /** Buffers a delete of the UTF-8 key. */
    default void delete(String key) {
        Objects.requireNonNull(key, "key");
        delete(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Validates and applies every buffered write as one atomic, durable batch.
     *
     * @throws TransactionConflictException if a concurrent commit invalidated this transaction;
     *     nothing was applied and the transaction is finished
     * @throws TransactionTimeoutException if the transaction outlived its timeout
     */
    void commit();

    /** Discards every buffered write and finishes the transaction. */
    void rollback();

    /** Whether the transaction can still be used (neither committed, rolled back nor closed). */
    boolean isActive();

    /** The options the transaction was started with. */
    TransactionOptions options();

    /** Sequence number of the snapshot the transaction reads from. */
    long snapshotSequence();

    /** Rolls back if still active. Idempotent. */
    @Override
    void close();
}
