package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.IteratorSource;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.Coding;
import io.lightningdb.internal.util.KeyHash;
import java.time.Clock;

/**
 * The in-memory sorted buffer of recent writes, an {@link ArenaSkipList}. One writer at a time (the
 * group-commit leader), lock-free readers. Entries are never removed: each write adds a version,
 * and readers filter by sequence number, so a reader at snapshot S ignores entries a concurrent
 * writer adds above S.
 */
public final class MemTable implements IteratorSource {
    private static final byte[] EMPTY = new byte[0];
    private static final int INDEX_WINDOW = 64;
    private static final long NOT_INDEXED = NewestIndex.UNKNOWN;

    private final ArenaSkipList list = new ArenaSkipList();
    private final NewestIndex index = new NewestIndex(list);
    private final long walSegment;
    private final long[] pendingNodes = new long[INDEX_WINDOW]; // writer only: nodes of addAll's current window
    private final long[] pendingHashes = new long[INDEX_WINDOW]; // writer only: their keys' hashes
    private long touchSink; // writer only: keeps addAll's slot loads from being optimized away

    /** @param walSegment number of the first log segment holding this memtable's writes */
    public MemTable(long walSegment) {
        this.walSegment = walSegment;
    }

    public long walSegment() {
        return walSegment;
    }

    /** Adds an entry, copying {@code stored} (null for deletions). Single writer. */
    public void add(long sequence, int type, byte[] userKey, byte[] stored) {
        long node = list.insert(userKey, (sequence << 8) | type, type == ValueType.DELETION ? EMPTY : stored);
        index.put(userKey, KeyHash.of(userKey, userKey.length), node);
    }

    /**
     * Adds {@code mutations} with sequence numbers {@code firstSequence, firstSequence + 1, …}, like
     * {@link #add} one by one. Single writer. Each index update is a cache miss at a random slot, so
     * a window of entries first loads its slots, then goes into the list, and only then into the
     * index: the misses overlap one another and the list inserts instead of being waited for in turn.
     */
    public void addAll(long firstSequence, Mutation[] mutations) {
        int n = mutations.length;
        for (int from = 0; from < n; from += INDEX_WINDOW) {
            int to = Math.min(n, from + INDEX_WINDOW);
            long touched = 0;
            for (int i = from; i < to; i++) {
                byte[] userKey = mutations[i].key();
                long hash = KeyHash.of(userKey, userKey.length);
                pendingHashes[i - from] = hash;
                touched ^= index.touch(hash);
            }
            touchSink = touched;
            for (int i = from; i < to; i++) {
                Mutation m = mutations[i];
                long trailer = ((firstSequence + i) << 8) | m.type();
                pendingNodes[i - from] = list.insert(m.key(), trailer, m.isDelete() ? EMPTY : m.stored());
            }
            for (int i = from; i < to; i++) {
                index.put(mutations[i].key(), pendingHashes[i - from], pendingNodes[i - from]);
            }
        }
    }

    /**
     * The newest entry for {@code userKey} with sequence at most {@code sequence}, resolved by the
     * time of {@code clock}; see {@link Lookup}.
     */
    public byte[] get(byte[] userKey, long sequence, Clock clock) {
        return get(userKey, KeyHash.of(userKey, userKey.length), sequence, clock);
    }

    /** Like {@link #get(byte[], long, Clock)}, with the key's {@link KeyHash} already computed. */
    public byte[] get(byte[] userKey, long hash, long sequence, Clock clock) {
        long node = index.find(userKey, userKey.length, hash);
        if (ArenaSkipList.isNone(node)) {
            return null;
        }
        if (node == NewestIndex.UNKNOWN || (list.trailer(node) >>> 8) > sequence) {
            // the index is off, or the newest version is too new for this reader: search the list
            node = list.findGreaterOrEqual(userKey, userKey.length, (sequence << 8) | ValueType.SEEK, null);
            if (ArenaSkipList.isNone(node) || !list.userKeyEquals(node, userKey)) {
                return null;
            }
        }
        int type = (int) (list.trailer(node) & 0xFF);
        return type == ValueType.DELETION ? Lookup.DELETED : Lookup.resolve(type, list.value(node), clock);
    }

    /** Bytes of memory the entries occupy. */
    public long approximateBytes() {
        return list.bytesUsed() + index.bytesUsed();
    }

    public boolean isEmpty() {
        return list.size() == 0;
    }

    public int entryCount() {
        return list.size();
    }

    @Override
    public InternalIterator iterator(Direction direction, byte[] target) {
        long start;
        if (direction == Direction.FORWARD) {
            start = target == null ? list.first() : seek(target, true);
        } else {
            start = target == null ? list.last() : seek(target, false);
        }
        return new NodeIterator(start, direction);
    }

    /** Forward: first node {@code >= target}. Reverse: last node {@code <= target}. */
    private long seek(byte[] target, boolean forward) {
        int userLength = target.length - InternalKey.TRAILER_SIZE;
        long trailer = Coding.getLong(target, userLength);
        if (forward) {
            long newest = seekExisting(target, userLength, trailer);
            return newest != NOT_INDEXED ? newest : list.findGreaterOrEqual(target, userLength, trailer, null);
        }
        long ge = list.findGreaterOrEqual(target, userLength, trailer, null);
        if (!ArenaSkipList.isNone(ge) && InternalKey.compare(list.key(ge), target) == 0) {
            return ge;
        }
        return list.findLessThan(target, userLength, trailer);
    }

    /**
     * A forward seek to a key the memtable holds (resuming a scan after a key it returned, a
     * repository's next page) needs no descent: versions of a key sort newest first, so when the
     * newest version is at or below the target's trailer it is the first node {@code >=} the target,
     * and the hash index has it in a cache miss or two instead of ~20. A version newer than the
     * index shows can only be one a concurrent writer has not made visible yet, which the reader's
     * sequence number filters out anyway. Returns {@link #NOT_INDEXED} when the list must be
     * searched: the key absent, the index off, or the newest version above the target.
     */
    private long seekExisting(byte[] target, int userLength, long trailer) {
        long node = index.find(target, userLength, KeyHash.of(target, userLength));
        if (node == NewestIndex.UNKNOWN || ArenaSkipList.isNone(node)) {
            return NOT_INDEXED;
        }
        return Long.compareUnsigned(list.trailer(node), trailer) <= 0 ? node : NOT_INDEXED;
    }

    private final class NodeIterator implements InternalIterator {
        private final Direction direction;
        private long node;
        private byte[] key;

        NodeIterator(long start, Direction direction) {
            this.node = start;
            this.direction = direction;
        }

        @Override
        public boolean valid() {
            return !ArenaSkipList.isNone(node);
        }

        @Override
        public byte[] key() {
            if (key == null) {
                key = list.key(node); // copied once per position: merging compares it repeatedly
            }
            return key;
        }

        @Override
        public byte[] value() {
            return list.value(node);
        }

        @Override
        public void next() {
            key = null;
            node = direction == Direction.FORWARD ? list.next(node) : list.previous(node);
        }
    }
}
