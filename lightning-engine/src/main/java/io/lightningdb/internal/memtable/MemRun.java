package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.Coding;
import io.lightningdb.internal.util.KeyHash;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One sorted run of a {@link MemTable}: an {@link ArenaSkipList} and the {@link NewestIndex} over
 * it. A run either takes writes (the memtable's newest) or was built by {@link #merge} and never
 * changes. One writer, lock-free readers.
 */
final class MemRun {
    private static final byte[] EMPTY = new byte[0];
    private static final int INDEX_WINDOW = 64;
    private static final int CANCEL_CHECK_EVERY = 4096;

    private final ArenaSkipList list = new ArenaSkipList();
    private final NewestIndex index = new NewestIndex(list);
    private final long[] pendingNodes = new long[INDEX_WINDOW]; // writer only: nodes of addAll's current window

    /** Adds an entry, copying {@code stored} (null for deletions). Single writer. */
    void add(long sequence, int type, byte[] userKey, byte[] stored) {
        long node = list.insert(userKey, (sequence << 8) | type, type == ValueType.DELETION ? EMPTY : stored);
        index.put(userKey, KeyHash.of(userKey, userKey.length), node);
    }

    /**
     * Adds {@code mutations} with sequence numbers {@code firstSequence, firstSequence + 1, …}, like
     * {@link #add} one by one. Single writer. Entries are indexed a window at a time after they are
     * inserted: each index update is a cache miss at a random slot, and with nothing in between the
     * processor overlaps those misses instead of waiting for each in turn.
     */
    void addAll(long firstSequence, List<Mutation> mutations) {
        int n = mutations.size();
        for (int from = 0; from < n; from += INDEX_WINDOW) {
            int to = Math.min(n, from + INDEX_WINDOW);
            for (int i = from; i < to; i++) {
                Mutation m = mutations.get(i);
                long trailer = ((firstSequence + i) << 8) | m.type();
                pendingNodes[i - from] = list.insert(m.key(), trailer, m.isDelete() ? EMPTY : m.stored());
            }
            for (int i = from; i < to; i++) {
                byte[] userKey = mutations.get(i).key();
                index.put(userKey, KeyHash.of(userKey, userKey.length), pendingNodes[i - from]);
            }
        }
    }

    /**
     * The newest entry of this run for {@code userKey} with sequence at most {@code sequence},
     * resolved at {@code nowMillis} (see {@link Lookup}), or null if the run holds none.
     */
    byte[] get(byte[] userKey, long hash, long sequence, long nowMillis) {
        long node = index.find(userKey, hash);
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
        return type == ValueType.DELETION ? Lookup.DELETED : Lookup.resolve(type, list.value(node), nowMillis);
    }

    long bytesUsed() {
        return list.bytesUsed() + index.bytesUsed();
    }

    int size() {
        return list.size();
    }

    InternalIterator iterator(Direction direction, byte[] target) {
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
        long ge = list.findGreaterOrEqual(target, userLength, trailer, null);
        if (forward) {
            return ge;
        }
        if (!ArenaSkipList.isNone(ge) && InternalKey.compare(list.key(ge), target) == 0) {
            return ge;
        }
        return list.findLessThan(target, userLength, trailer);
    }

    /**
     * A new run holding every entry of {@code newer} and {@code older} (null: {@code newer} alone),
     * laid out in key order: entries next to each other in a scan are next to each other in memory,
     * where a run filled in random key order scatters them over the whole arena. Returns null if
     * {@code cancelled} turns true on the way. Neither input may change while this runs.
     */
    static MemRun merge(MemRun newer, MemRun older, BooleanSupplier cancelled) {
        MemRun out = new MemRun();
        ArenaSkipList a = newer.list;
        ArenaSkipList b = older == null ? null : older.list;
        long na = a.first();
        long nb = b == null ? 0 : b.first();
        long previous = 0;
        for (int copied = 1; !ArenaSkipList.isNone(na) || !ArenaSkipList.isNone(nb); copied++) {
            boolean fromA =
                    ArenaSkipList.isNone(nb) || (!ArenaSkipList.isNone(na) && ArenaSkipList.compare(a, na, b, nb) < 0);
            long node = fromA ? out.list.appendCopy(a, na) : out.list.appendCopy(b, nb);
            if (fromA) {
                na = a.next(na);
            } else {
                nb = b.next(nb);
            }
            // each key's versions arrive newest first: index only the first
            if (ArenaSkipList.isNone(previous) || !out.list.sameUserKey(previous, node)) {
                out.index.putNew(out.list.userKeyHash(node), node);
            }
            previous = node;
            if (copied % CANCEL_CHECK_EVERY == 0 && cancelled.getAsBoolean()) {
                return null;
            }
        }
        return out;
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
