package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.BackupInfo;
import io.lightningdb.DbStats;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.Snapshot;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionWork;
import io.lightningdb.VerifyReport;
import io.lightningdb.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link LightningDb} that records how long each engine call takes in {@link OperationTimers},
 * including calls made through the snapshots and transactions it hands out, so template and
 * repository work (which runs in transactions) is timed too. Everything else is delegated.
 */
final class TimedLightningDb extends TimedReads<LightningDb> implements LightningDb {
    TimedLightningDb(LightningDb delegate, OperationTimers timers) {
        super(delegate, timers);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        timers.put.record(() -> delegate.put(key, value));
    }

    @Override
    public void put(String key, String value) {
        timers.put.record(() -> delegate.put(key, value));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        timers.put.record(() -> delegate.put(key, value, ttl));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        timers.put.record(() -> delegate.put(key, value, ttl));
    }

    @Override
    public boolean delete(byte[] key) {
        return timers.delete.record(() -> delegate.delete(key));
    }

    @Override
    public boolean delete(String key) {
        return timers.delete.record(() -> delegate.delete(key));
    }

    @Override
    public void write(WriteBatch batch) {
        timers.write.record(() -> delegate.write(batch));
    }

    @Override
    public Snapshot snapshot() {
        return new TimedSnapshot(delegate.snapshot(), timers);
    }

    @Override
    public Transaction begin() {
        return new TimedTransaction(delegate.begin(), timers);
    }

    @Override
    public Transaction begin(TransactionOptions options) {
        return new TimedTransaction(delegate.begin(options), timers);
    }

    @Override
    public <T> T inTransaction(TransactionOptions options, int maxAttempts, TransactionWork<T> work) {
        return delegate.inTransaction(options, maxAttempts, tx -> work.run(new TimedTransaction(tx, timers)));
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void compact() {
        delegate.compact();
    }

    @Override
    public void checkpoint() {
        delegate.checkpoint();
    }

    @Override
    public VerifyReport verify() {
        return delegate.verify();
    }

    @Override
    public BackupInfo backup(Path target) {
        return delegate.backup(target);
    }

    @Override
    public BackupInfo backupTo(Path backupDir) {
        return delegate.backupTo(backupDir);
    }

    @Override
    public void rewriteWithCurrentKey() {
        delegate.rewriteWithCurrentKey();
    }

    @Override
    public DbStats stats() {
        return delegate.stats();
    }

    @Override
    public Optional<Throwable> failure() {
        return delegate.failure();
    }

    @Override
    public Path path() {
        return delegate.path();
    }

    @Override
    public LightningConfig config() {
        return delegate.config();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Timed" + delegate;
    }
}
