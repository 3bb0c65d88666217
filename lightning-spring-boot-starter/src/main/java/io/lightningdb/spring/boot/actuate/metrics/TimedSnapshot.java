package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.Snapshot;

/** A {@link Snapshot} whose reads are recorded in {@link OperationTimers}. */
final class TimedSnapshot extends TimedReads<Snapshot> implements Snapshot {
    TimedSnapshot(Snapshot delegate, OperationTimers timers) {
        super(delegate, timers);
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
