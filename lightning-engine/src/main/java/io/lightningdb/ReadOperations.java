package io.lightningdb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The reads shared by the database, {@link Snapshot}s and {@link Transaction}s. Keys compare as
 * unsigned bytes; {@code String} overloads use UTF-8.
 */
public interface ReadOperations {
    /** The value stored under {@code key}, or null if there is none. */
    byte[] get(byte[] key);

    /** The value under the UTF-8 {@code key} decoded as UTF-8, or null if there is none. */
    default String get(String key) {
        Objects.requireNonNull(key, "key");
        byte[] v = get(key.getBytes(StandardCharsets.UTF_8));
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** Whether {@code key} holds a value. */
    default boolean exists(byte[] key) {
        return get(key) != null;
    }

    /** Whether the UTF-8 key holds a value. */
    default boolean exists(String key) {
        Objects.requireNonNull(key, "key");
        return exists(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The values of {@code keys}, read at one point in time, in the same order (null where a key
     * holds no value).
     */
    List<byte[]> getBatch(List<byte[]> keys);

    /** Opens a consistent iterator over {@code range}. Close it when done. */
    KvIterator scan(KeyRange range);
}
