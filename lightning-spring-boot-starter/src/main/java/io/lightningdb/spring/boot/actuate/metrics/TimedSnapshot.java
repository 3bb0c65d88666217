package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.Snapshot;
import java.util.List;

/** A {@link Snapshot} whose reads are recorded in {@link OperationTimers}. */
final class TimedSnapshot implements Snapshot {
    private final Snapshot delegate;
    private final OperationTimers timers;

    TimedSnapshot(Snapshot delegate, OperationTimers timers) {
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
    public long sequence() {
        return delegate.sequence();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
