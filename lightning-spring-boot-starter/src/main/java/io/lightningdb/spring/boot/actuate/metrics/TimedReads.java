package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.ReadOperations;
import java.util.List;

/**
 * The timed reads shared by the database, its snapshots and its transactions: each delegates and
 * records the call in {@link OperationTimers}.
 *
 * @param <D> what is wrapped
 */
abstract class TimedReads<D extends ReadOperations> implements ReadOperations {
    protected final D delegate;
    protected final OperationTimers timers;

    TimedReads(D delegate, OperationTimers timers) {
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
}
