package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.Transaction;
import io.lightningdb.TransactionOptions;
import java.time.Duration;

/** A {@link Transaction} whose reads, writes and commit are recorded in {@link OperationTimers}. */
final class TimedTransaction extends TimedReads<Transaction> implements Transaction {
    TimedTransaction(Transaction delegate, OperationTimers timers) {
        super(delegate, timers);
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
