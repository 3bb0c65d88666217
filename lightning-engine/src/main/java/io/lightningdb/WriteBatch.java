package io.lightningdb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Puts and deletes applied atomically by {@link LightningDb#write(WriteBatch)}: after a crash
 * either all of them are present or none. Operations on the same key apply in the order added.
 *
 * <pre>{@code
 * db.write(WriteBatch.create().put("user:1", "ann").delete("user:2"));
 * }</pre>
 *
 * <p>Not thread-safe. Keys and values are not copied: do not modify an array after adding it.
 */
public final class WriteBatch {
    /**
     * One operation of a batch: a put (value non-null, expiring after {@code ttl} unless it is null)
     * or a delete (value null).
     */
    public record Op(byte[] key, byte[] value, Duration ttl) {
        public Op(byte[] key, byte[] value) {
            this(key, value, null);
        }

        /** Whether this operation deletes its key. */
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long approximateBytes;

    private WriteBatch() {}

    /** A new, empty batch. */
    public static WriteBatch create() {
        return new WriteBatch();
    }

    /** Adds a put of {@code value} under {@code key}. */
    public WriteBatch put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ops.add(new Op(key, value));
        approximateBytes += key.length + value.length + 8;
        return this;
    }

    /**
     * Adds a put of {@code value} under {@code key} that expires {@code ttl} after the batch is
     * written; see {@link LightningDb#put(byte[], byte[], Duration)}.
     */
    public WriteBatch put(byte[] key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkTtl(ttl);
        ops.add(new Op(key, value, ttl));
        approximateBytes += key.length + value.length + 16;
        return this;
    }

    /** Adds an expiring put of UTF-8 strings. */
    public WriteBatch put(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return put(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), ttl);
    }

    /** Rejects a missing, zero or negative time-to-live. */
    static void checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }

    /** Adds a put of the UTF-8 bytes of {@code value} under the UTF-8 bytes of {@code key}. */
    public WriteBatch put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return put(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a delete of {@code key}. */
    public WriteBatch delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ops.add(new Op(key, null));
        approximateBytes += key.length + 8;
        return this;
    }

    /** Adds a delete of the UTF-8 bytes of {@code key}. */
    public WriteBatch delete(String key) {
        Objects.requireNonNull(key, "key");
        return delete(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Number of operations. */
    public int size() {
        return ops.size();
    }

    /** Whether the batch holds no operation. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Removes every operation, so the batch can be reused. */
    public WriteBatch clear() {
        ops.clear();
        approximateBytes = 0;
        return this;
    }

    /** The operations in the order they were added. */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** Approximate encoded size in bytes. */
    public long approximateBytes() {
        return approximateBytes;
    }
}
