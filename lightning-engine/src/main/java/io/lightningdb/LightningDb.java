package io.lightningdb;

import io.lightningdb.internal.db.DbImpl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 * <p>Beyond single operations the database offers {@link #snapshot() snapshots}, optimistic {@link
 * #begin() transactions} and {@link #put(byte[], byte[], Duration) expiring keys}.
 *
 * <p>Thread-safe: any number of threads may read and write concurrently. Every write is durable as
 * {@link LightningConfig#walSyncMode()} promises once the call returns. Invalid arguments throw
 * {@link IllegalArgumentException} (or {@link NullPointerException} for nulls) and change nothing;
 * any call after {@link #close()} throws {@link DatabaseClosedException}.
 */
public interface LightningDb extends ReadOperations, AutoCloseable {

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

    /**
     * Stores {@code value} under {@code key} until {@code ttl} from now. Once expired the key reads
     * as absent (in gets, scans, snapshots and transactions), and compaction removes it. Expiry is
     * judged by {@link LightningConfig#clock()} and survives restarts.
     */
    void put(byte[] key, byte[] value, Duration ttl);

    /** Stores UTF-8 strings until {@code ttl} from now. */
    void put(String key, String value, Duration ttl);

    /**
     * Removes {@code key}.
     *
     * @return whether the key held a value just before this delete
     */
    boolean delete(byte[] key);

    /** Removes the UTF-8 key; returns whether it held a value just before. */
    boolean delete(String key);

    /**
     * Applies every operation of {@code batch} atomically: readers and recovery see all of them or
     * none. The batch is validated as a whole before anything is written.
     */
    void write(WriteBatch batch);

    /** A read-only, point-in-time view of the database. Close it when done. */
    Snapshot snapshot();

    /** Begins a read-write transaction with snapshot isolation and the default timeout. */
    Transaction begin();

    /**
     * Begins a transaction.
     *
     * @throws TransactionLimitException if {@link LightningConfig#maxActiveTransactions()} are open
     */
    Transaction begin(TransactionOptions options);

    /**
     * Runs {@code work} in a transaction and commits it, retrying from the start up to {@link
     * #DEFAULT_TRANSACTION_ATTEMPTS} times in all when the commit conflicts.
     *
     * <pre>{@code
     * db.inTransaction(tx -> {
     *     long n = Long.parseLong(tx.get("counter"));
     *     tx.put("counter", Long.toString(n + 1));
     *     return n + 1;
     * });
     * }</pre>
     *
     * @throws TransactionConflictException if the last attempt still conflicted
     */
    default <T> T inTransaction(TransactionWork<T> work) {
        return inTransaction(TransactionOptions.defaults(), DEFAULT_TRANSACTION_ATTEMPTS, work);
    }

    /**
     * Runs {@code work} in a transaction with {@code options} and commits it, making at most {@code
     * maxAttempts} attempts while commits conflict. An exception thrown by {@code work} rolls back
     * and propagates without retry.
     */
    <T> T inTransaction(TransactionOptions options, int maxAttempts, TransactionWork<T> work);

    /** Attempts {@link #inTransaction(TransactionWork)} makes before giving up on conflicts. */
    int DEFAULT_TRANSACTION_ATTEMPTS = 10;

    /**
     * Writes the active memtable to a table file and waits until it is done, and until the log
     * segments it covered are retired (deleted, or moved to the {@link
     * LightningConfig#walArchiveDirectory() WAL archive}).
     */
    void flush();

    /**
     * Flushes, then compacts the whole tree into its last level, dropping overwritten values and
     * deletions no reader needs. Waits until done.
     */
    void compact();

    /**
     * Makes everything written so far durable in tables: flushes the memtable, then fsyncs the
     * log, the manifest and the directory. After it returns, recovery needs no log replay for the
     * writes before the call, and a copy of the directory's files is a complete database.
     */
    void checkpoint();

    /**
     * Reads every block of every live table, every record of the live write-ahead-log segments and
     * the manifest, and checks every checksum. Damage is reported, not thrown: the report lists each
     * problem with its file and byte offset. Runs alongside reads and writes.
     *
     * <pre>{@code
     * VerifyReport report = db.verify();
     * assert report.isClean() : report.problems();
     * }</pre>
     */
    VerifyReport verify();

    /**
     * Copies the database, as of one moment, into {@code target} (absent or empty), while reads and
     * writes go on. The copy is a database directory: open it with {@link #open}. Tables are
     * hard-linked where the file system allows (they never change), else copied; log segments are
     * copied up to a record boundary.
     *
     * <pre>{@code
     * BackupInfo b = db.backup(Path.of("/backups/2026-11-23"));
     * // b.sequence(): the copy holds exactly the writes up to this sequence number
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code target} is a non-empty directory
     */
    BackupInfo backup(Path target);

    /**
     * Adds a numbered backup point to {@code backupDir}, copying only the table files the directory
     * does not hold yet. Manage the points with {@link Backups}: list, restore, purge.
     */
    BackupInfo backupTo(Path backupDir);

    /**
     * Rewrites every table, and starts a new manifest, under the key provider's current primary key,
     * so that older keys are no longer needed once it returns (log segments are rewritten by the
     * flush it starts with). Compacts the whole tree on the way; reads and writes continue.
     *
     * <pre>{@code
     * // reopened with KeyProvider.of(2, Map.of(1, oldKey, 2, newKey)):
     * db.rewriteWithCurrentKey();
     * // from now on KeyProvider.of(2, Map.of(2, newKey)) suffices
     * }</pre>
     */
    void rewriteWithCurrentKey();

    /** A snapshot of the engine's counters and gauges. */
    DbStats stats();

    /**
     * The failure that put the database into its read-only error state (a failed log write or
     * fsync, a full disk, a failed flush or compaction), or empty while healthy. Once failed, reads
     * keep working and every write throws {@link LightningException}; reopening the directory
     * recovers every acknowledged write.
     */
    Optional<Throwable> failure();

    /** The database directory. */
    Path path();

    /** The configuration the database was opened with. */
    LightningConfig config();

    /**
     * Waits for background work, syncs the log and releases the directory. Idempotent. Iterators
     * still open become unusable.
     */
    @Override
    void close();
}
