package io.lightningdb.internal.db;

import io.lightningdb.internal.memtable.MemTable;
import io.lightningdb.internal.version.Version;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a reader needs, fixed at one moment: the active memtable, the immutable memtables
 * waiting for flush (newest first) and the table version. Replaced as a whole whenever one of them
 * changes, so a reader never sees a memtable both flushed and still listed, or neither.
 */
final class ReadView {
    final MemTable mem;
    /**
     * An array, not a {@code List}: {@code List.copyOf} returns a different class for none, one or
     * two, and several memtables, and each change of class at the read path's loop deoptimized it
     * (a {@code class_check} trap in {@code DbImpl.lookup}) as memtables were switched and flushed.
     */
    final MemTable[] immutables;

    final Version version;
    private final AtomicInteger refs = new AtomicInteger(1);

    ReadView(MemTable mem, List<MemTable> immutables, Version version) {
        this.mem = mem;
        this.immutables = immutables.toArray(new MemTable[0]);
        this.version = version;
        version.ref();
    }

    /** Takes a reference unless the view has already been released for good. */
    boolean tryRef() {
        for (; ; ) {
            int n = refs.get();
            if (n == 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void unref() {
        if (refs.decrementAndGet() == 0) {
            version.unref();
        }
    }
}
