package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.DbStats;
import io.lightningdb.LightningDb;
import io.lightningdb.LightningException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the engine's {@link DbStats} as Micrometer meters named {@code lightning.db.*}. In
 * Prometheus they appear as {@code lightning_db_operations_total{type="get|put|delete|scan"}},
 * {@code lightning_db_transactions_active}, {@code lightning_db_cache_hits_total}, {@code
 * lightning_db_storage_bytes}, {@code lightning_db_compaction_pending}, {@code lightning_db_up} and
 * so on. Spring Boot binds every {@link MeterBinder} bean to its registry; by hand:
 *
 * <pre>{@code
 * new LightningMetrics(db).bindTo(registry);
 * }</pre>
 *
 * <p>Values are read from {@link LightningDb#stats()} when the registry samples them. Once the
 * database is closed the counters keep their last values and {@code lightning.db.up} drops to 0.
 */
public class LightningMetrics implements MeterBinder {
    private static final DbStats NONE = new DbStats(
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final LightningDb db;
    private volatile DbStats last = NONE;

    /** Meters for {@code db}. */
    public LightningMetrics(LightningDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        operations(registry, "get", DbStats::gets);
        operations(registry, "put", DbStats::puts);
        operations(registry, "delete", DbStats::deletes);
        operations(registry, "scan", DbStats::scans);

        counter(
                registry,
                "lightning.db.read",
                BaseUnits.BYTES,
                "User key and value bytes returned",
                DbStats::bytesRead);
        counter(
                registry,
                "lightning.db.written",
                BaseUnits.BYTES,
                "User key and value bytes written",
                DbStats::bytesWritten);

        counter(
                registry,
                "lightning.db.transactions.started",
                null,
                "Transactions begun",
                DbStats::transactionsStarted);
        counter(
                registry,
                "lightning.db.transactions.committed",
                null,
                "Transactions committed",
                DbStats::transactionsCommitted);
        counter(
                registry,
                "lightning.db.transactions.aborted",
                null,
                "Transactions rolled back, timed out or refused",
                DbStats::transactionsRolledBack);
        counter(
                registry,
                "lightning.db.transactions.conflicts",
                null,
                "Commits refused because of a conflict",
                DbStats::transactionConflicts);
        gauge(registry, "lightning.db.transactions.active", null, "Transactions open now", DbStats::activeTransactions);
        gauge(
                registry,
                "lightning.db.snapshots.active",
                null,
                "Snapshots open now, transactions included",
                DbStats::activeSnapshots);

        counter(registry, "lightning.db.cache.hits", null, "Block cache hits", DbStats::cacheHits);
        counter(registry, "lightning.db.cache.misses", null, "Block cache misses", DbStats::cacheMisses);
        counter(
                registry,
                "lightning.db.cache.evictions",
                null,
                "Blocks evicted from the cache",
                DbStats::cacheEvictions);
        gauge(
                registry,
                "lightning.db.cache.size",
                BaseUnits.BYTES,
                "Bytes held in the block cache",
                DbStats::cacheBytes);

        gauge(registry, "lightning.db.storage", BaseUnits.BYTES, "Bytes of table files", DbStats::totalTableBytes);
        gauge(registry, "lightning.db.files", null, "Table files across all levels", DbStats::totalFiles);
        gauge(
                registry,
                "lightning.db.compression.ratio",
                null,
                "Raw to stored bytes of table data blocks written since open",
                DbStats::compressionRatio);
        gauge(registry, "lightning.db.memtable", BaseUnits.BYTES, "Bytes held by memtables", DbStats::memtableBytes);
        counter(registry, "lightning.db.flushes", null, "Memtables flushed to table files", DbStats::flushes);
        counter(
                registry,
                "lightning.db.scan.flushes",
                null,
                "Memtables switched early for flushing because scans kept reading them",
                DbStats::scanFlushes);
        counter(
                registry,
                "lightning.db.write.stalls",
                null,
                "Times a writer waited for flush or compaction",
                DbStats::writeStalls);
        counter(registry, "lightning.db.wal.syncs", null, "Fsyncs of the write-ahead log", DbStats::walSyncs);
        counter(
                registry,
                "lightning.db.wal.written",
                BaseUnits.BYTES,
                "Bytes appended to the write-ahead log",
                DbStats::walBytes);

        counter(registry, "lightning.db.compaction.completed", null, "Compactions completed", DbStats::compactions);
        counter(
                registry,
                "lightning.db.scan.compactions",
                null,
                "Level-0 compactions asked for because scans kept merging overlapping tables",
                DbStats::scanCompactions);
        counter(
                registry,
                "lightning.db.compaction.read",
                BaseUnits.BYTES,
                "Table bytes read by compactions",
                DbStats::compactionBytesRead);
        counter(
                registry,
                "lightning.db.compaction.written",
                BaseUnits.BYTES,
                "Table bytes written by compactions",
                DbStats::compactionBytesWritten);
        gauge(
                registry,
                "lightning.db.compaction.pending",
                null,
                "Compactions waiting to run",
                DbStats::pendingCompactions);

        Gauge.builder("lightning.db.up", this, LightningMetrics::up)
                .description("1 while the database is open and healthy, 0 when closed or in its error state")
                .register(registry);
    }

    private void operations(MeterRegistry registry, String type, ToDoubleFunction<DbStats> value) {
        FunctionCounter.builder("lightning.db.operations", this, m -> value.applyAsDouble(m.stats()))
                .tag("type", type)
                .description("Operations served, by type")
                .register(registry);
    }

    private void counter(
            MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<DbStats> value) {
        FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.stats()))
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<DbStats> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.stats()))
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    private double up() {
        try {
            db.stats();
            return db.failure().isPresent() ? 0 : 1;
        } catch (LightningException e) {
            return 0;
        }
    }

    /** The current statistics, or the last ones seen once the database is closed (counters stay monotonic). */
    private DbStats stats() {
        try {
            DbStats now = db.stats();
            last = now;
            return now;
        } catch (LightningException e) {
            return last;
        }
    }
}
