package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.IteratorSource;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.ValueType;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory sorted buffer of recent writes. Lock-free for readers and writers; entries are
 * never removed, each write adds a new version. Readers filter by sequence number, so a reader at
 * snapshot S ignores entries a concurrent writer adds with sequence above S.
 */
public final class MemTable implements IteratorSource {
    /** Approximate per-entry overhead of the skip list node, boxed arrays and index levels. */
    private static final int ENTRY_OVERHEAD = 64;

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.COMPARATOR);
    private final AtomicLong approximateBytes = new AtomicLong();
    private final long walSegment;

    /** @param walSegment number of the first log segment holding this memtable's writes */
    public MemTable(long walSegment) {
        this.walSegment = walSegment;
    }

    public long walSegment() {
        return walSegment;
    }

    /** Adds an entry; {@code stored} is kept by reference and must not change afterwards. */
    public void add(long sequence, int type, byte[] userKey, byte[] stored) {
        byte[] ikey = InternalKey.encode(userKey, sequence, type);
        byte[] v = type == ValueType.DELETION ? Lookup.DELETED : stored;
        map.put(ikey, v);
        approximateBytes.addAndGet(ikey.length + v.length + ENTRY_OVERHEAD);
    }

    /**
     * The newest entry for {@code userKey} with sequence at most {@code sequence}, resolved at
     * {@code nowMillis}; see {@link Lookup}.
     */
    public byte[] get(byte[] userKey, long sequence, long nowMillis) {
        Map.Entry<byte[], byte[]> e = map.ceilingEntry(InternalKey.seekKey(userKey, sequence));
        if (e == null || InternalKey.compareUserKey(e.getKey(), userKey) != 0) {
            return null;
        }
        return Lookup.resolve(InternalKey.type(e.getKey()), e.getValue(), nowMillis);
    }

    public long approximateBytes() {
        return approximateBytes.get();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public int entryCount() {
        return map.size();
    }

    @Override
    public InternalIterator iterator(Direction direction, byte[] target) {
        NavigableMap<byte[], byte[]> view;
        if (direction == Direction.FORWARD) {
            view = target == null ? map : map.tailMap(target, true);
        } else {
            view = (target == null ? map : map.headMap(target, true)).descendingMap();
        }
        return new MapIterator(view.entrySet().iterator());
    }

    private static final class MapIterator implements InternalIterator {
        private final Iterator<Map.Entry<byte[], byte[]>> it;
        private Map.Entry<byte[], byte[]> current;

        MapIterator(Iterator<Map.Entry<byte[], byte[]>> it) {
            this.it = it;
            next();
        }

        @Override
        public boolean valid() {
            return current != null;
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }

        @Override
        public void next() {
            current = it.hasNext() ? it.next() : null;
        }
    }
}
