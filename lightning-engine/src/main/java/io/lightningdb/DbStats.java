package io.lightningdb;

import java.util.List;

/**
 * A point-in-time copy of the engine's counters and gauges, from {@link LightningDb#stats()}.
 * Counters are cumulative since the database was opened.
 *
 * @param gets point reads ({@code get}, {@code exists}, each key of {@code getBatch})
 * @param puts keys written by puts, including those inside batches
 * @param deletes keys deleted, including those inside batches
 * @param scans iterators opened
 * @param bytesWritten user key and value bytes written
 * @param bytesRead user key and value bytes returned by reads and scans
 * @param flushes memtables flushed to level-0 tables
 * @param compactions compactions completed
 * @param compactionBytesRead table bytes read by compactions
 * @param compactionBytesWritten table bytes written by compactions
 * @param pendingCompactions compactions the engine would run now if it could (0 when settled)
 * @param levels files and bytes per level
 * @param memtableBytes approximate bytes held by the active and immutable memtables
 * @param cacheHits block cache hits
 * @param cacheMisses block cache misses (blocks read from disk)
 * @param cacheEvictions blocks evicted from the cache
 * @param cacheBytes bytes currently held in the block cache
 * @param walSyncs fsyncs of the write-ahead log
 * @param walBytes bytes appended to the write-ahead log
 * @param writeStalls times a writer waited for flush or compaction (back-pressure)
 * @param lastSequence sequence number of the newest write
 * @param transactionsStarted transactions begun
 * @param transactionsCommitted transactions committed
 * @param transactionsRolledBack transactions rolled back, explicitly, by close or by timeout
 * @param transactionConflicts commits refused because of a conflict (included in rolled back)
 * @param activeTransactions transactions open now
 * @param activeSnapshots snapshots open now (transactions included)
 */
public record DbStats(
        long gets,
        long puts,
        long deletes,
        long scans,
        long bytesWritten,
        long bytesRead,
        long flushes,
        long compactions,
        long compactionBytesRead,
        long compactionBytesWritten,
        int pendingCompactions,
        List<LevelStats> levels,
        long memtableBytes,
        long cacheHits,
        long cacheMisses,
        long cacheEvictions,
        long cacheBytes,
        long walSyncs,
        long walBytes,
        long writeStalls,
        long lastSequence,
        long transactionsStarted,
        long transactionsCommitted,
        long transactionsRolledBack,
        long transactionConflicts,
        int activeTransactions,
        int activeSnapshots) {

    public DbStats {
        levels = List.copyOf(levels);
    }

    /** Total number of table files across all levels. */
    public int totalFiles() {
        return levels.stream().mapToInt(LevelStats::files).sum();
    }

    /** Total bytes of table files across all levels. */
    public long totalTableBytes() {
        return levels.stream().mapToLong(LevelStats::bytes).sum();
    }
}
