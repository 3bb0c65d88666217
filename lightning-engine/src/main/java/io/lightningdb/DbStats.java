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
 * @param compressionInputBytes raw bytes of the table data blocks written since open
 * @param compressionOutputBytes bytes those blocks take on disk (blocks kept raw count as is)
 * @param scanFlushes memtables switched early, for flushing, because scans had read as many bytes
 *     through them as they held (counted in {@code flushes} once flushed)
 * @param scanCompactions compactions of level 0 asked for because scans had read four times the
 *     bytes of levels 0 and 1 through overlapping tables (each runs unless another compaction
 *     changes level 0 first; counted in {@code compactions} once done)
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
        int activeSnapshots,
        long compressionInputBytes,
        long compressionOutputBytes,
        long scanFlushes,
        long scanCompactions) {

    public DbStats {
        levels = List.copyOf(levels);
    }

    /**
     * Raw to stored size of the data blocks written since open: 2.0 means blocks take half their
     * size on disk; 1.0 when nothing was written or nothing compressed.
     */
    public double compressionRatio() {
        return compressionOutputBytes == 0 ? 1.0 : (double) compressionInputBytes / compressionOutputBytes;
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
