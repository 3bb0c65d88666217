package io.lightningdb.internal.db;

import io.lightningdb.DatabaseClosedException;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.Snapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A pinned sequence number; reads go through the database at that sequence. */
final class SnapshotImpl implements Snapshot {
    private final DbImpl db;
    private final long sequence;
    private final AtomicBoolean closed = new AtomicBoolean();

    SnapshotImpl(DbImpl db, long sequence) {
        this.db = db;
        this.sequence = sequence;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        return db.getAt(key, sequence);
    }

    @Override
    public List<byte[]> getBatch(List<byte[]> keys) {
        ensureOpen();
        return db.getBatchAt(keys, sequence);
    }

    @Override
    public KvIterator scan(KeyRange range) {
        ensureOpen();
        return db.scanAt(range, sequence);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new DatabaseClosedException("Snapshot is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            db.releaseSnapshot(sequence);
        }
    }
}
