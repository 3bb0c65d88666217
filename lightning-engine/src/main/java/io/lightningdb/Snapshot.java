package io.lightningdb;

/**
 * A read-only view of the database frozen at the moment it was taken: later writes are invisible
 * to it. Compaction keeps every version a live snapshot needs, so close snapshots promptly.
 *
 * <pre>{@code
 * try (Snapshot s = db.snapshot()) {
 *     long total = 0;
 *     try (KvIterator it = s.scan(KeyRange.prefix("account:"))) {
 *         while (it.next()) total += Long.parseLong(it.valueAsString());
 *     }
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public interface Snapshot extends ReadOperations, AutoCloseable {
    /** The sequence number of the newest write visible in this snapshot. */
    long sequence();

    /** Releases the versions this snapshot pins. Idempotent. */
    @Override
    void close();
}
