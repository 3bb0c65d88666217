package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionOptions;
import java.time.Duration;
import java.util.List;

/** A {@link Transaction} whose reads, writes and commit are recorded in {@link OperationTimers}. */
final class TimedTransaction implements Transaction {
    private final Transaction delegate;
    private final OperationTimers timers;

    TimedTransaction(Transaction delegate, OperationTimers timers) {
        this.delegate = delegate;
        this.timers = timers;
    }

    @Override
    public byte[] get(byte[] key) {
        return timers.get.record(() -> delegate.get(key));
    }

    @Override
    public List<byte[]> getBatch(List<byte[]> keys) {
        return timers.get.record(() -> delegate.getBatch(keys));
    }

    @Override
    public KvIterator scan(KeyRange range) {
        return timers.scan.record(() -> delegate.scan(range));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        timers.put.record(() -> delegate.put(key, value));
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        timers.put.record(() -> delegate.put(key, value, ttl));
    }

    @Override
    public void delete(byte[] key) {
        timers.delete.record(() -> delegate.delete(key));
    }

    @Override
    public void commit() {
        timers.commit.record(delegate::commit);
    }

    @Override
    public void rollback() {
        delegate.rollback();
    }

    @Override
    public boolean isActive() {
        return delegate.isActive();
    }

    @Override
    public TransactionOptions options() {
        return delegate.options();
    }

    @Override
    public long snapshotSequence() {
        return delegate.snapshotSequence();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
