package io.lightningdb;

import io.lightningdb.internal.db.DbImpl;
import java.nio.file.Path;
import java.util.List;

/**
 * An open Lightning database: a persistent, sorted map from byte-array keys to byte-array values,
 * stored in one directory. Keys compare as unsigned bytes; {@code String} overloads use UTF-8.
 *
 * <pre>{@code
 * try (LightningDb db = LightningDb.open(Path.of("data"))) {
 *     db.put("user:1", "ann");
 *     String name = db.get("user:1");          // "ann"
 *     db.write(WriteBatch.create().put("user:2", "bob").delete("user:1"));
 *     try (KvIterator it = db.scan(KeyRange.prefix("user:"))) {
 *         while (it.next()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may read and write concurrently. Every write is durable as
 * {@link LightningConfig#walSyncMode()} promises once the call returns. Invalid arguments throw
 * {@link IllegalArgumentException} (or {@link NullPointerException} for nulls) and change nothing;
 * any call after {@link #close()} throws {@link DatabaseClosedException}.
 */
public interface LightningDb extends AutoCloseable {

    /**
     * Opens the database in {@code directory}, creating it if absent.
     *
     * @throws DatabaseLockedException if the directory is already open in this or another process
     * @throws CorruptionException if a file is damaged beyond the torn tail a crash can leave
     * @throws LightningException on an I/O failure
     */
    static LightningDb open(Path directory, LightningConfig config) {
        return DbImpl.open(directory, config);
    }

    /** Opens the database in {@code directory} with {@link LightningConfig#defaults()}. */
    static LightningDb open(Path directory) {
        return open(directory, LightningConfig.defaults());
    }

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    void put(byte[] key, byte[] value);

    /** Stores the UTF-8 bytes of {@code value} under the UTF-8 bytes of {@code key}. */
    void put(String key, String value);

    /** The value stored under {@code key}, or null if there is none. */
    byte[] get(byte[] key);

    /** The value under {@code key} decoded as UTF-8, or null if there is none. */
    String get(String key);

    /**
     * Removes {@code key}.
     *
     * @return whether the key held a value just before this delete
     */
    boolean delete(byte[] key);

    /** Removes the UTF-8 key; returns whether it held a value just before. */
    boolean delete(String key);

    /** Whether {@code key} holds a value. */
    boolean exists(byte[] key);

    /** Whether the UTF-8 key holds a value. */
    boolean exists(String key);

    /**
     * Applies every operation of {@code batch} atomically: readers and recovery see all of them or
     * none. The batch is validated as a whole before anything is written.
     */
    void write(WriteBatch batch);

    /**
     * The values of {@code keys}, read at one point in time, in the same order (null where a key
     * holds no value).
     */
    List<byte[]> getBatch(List<byte[]> keys);

    /** Opens a consistent iterator over {@code range}. Close it when done. */
    KvIterator scan(KeyRange range);

    /** Writes the active memtable to a table file and waits until it is done. */
    void flush();

    /**
     * Flushes, then compacts the whole tree into its last level, dropping overwritten values and
     * deletions no reader needs. Waits until done.
     */
    void compact();

    /** A snapshot of the engine's counters and gauges. */
    DbStats stats();

    /** The database directory. */
    Path path();

    /**
     * Waits for background work, syncs the log and releases the directory. Idempotent. Iterators
     * still open become unusable.
     */
    @Override
    void close();
}
