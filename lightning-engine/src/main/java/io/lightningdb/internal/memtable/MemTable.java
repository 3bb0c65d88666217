package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.IteratorSource;
import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.Coding;
import io.lightningdb.internal.util.KeyHash;
import java.time.Clock;

/**
 * The in-memory sorted buffer of recent writes: entries in an {@link Arena}, in key order through
 * an {@link ArenaBTree}, the newest version of each key through a {@link NewestIndex}. One writer
 * at a time (the group-commit leader), lock-free readers. Entries are never removed: each write
 * adds a version, and readers filter by sequence number, so a reader at snapshot S ignores entries
 * a concurrent writer adds above S.
 */
public final class MemTable implements IteratorSource {
    private static final byte[] EMPTY = new byte[0];
    private static final int INDEX_WINDOW = 64;
    /** A read sequence meaning "every version": for flushes, which keep what snapshots need. */
    private static final long ALL_VERSIONS = -1;

    private final ArenaBTree tree = new ArenaBTree();
    private final Arena arena = tree.arena;
    private final NewestIndex index = new NewestIndex(arena);
    private final long walSegment;
    private final long[] pendingEntries = new long[INDEX_WINDOW]; // writer only: addAll's current window
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
        long entry = tree.insert(userKey, (sequence << 8) | type, type == ValueType.DELETION ? EMPTY : stored);
        index.put(userKey, KeyHash.of(userKey, userKey.length), entry);
    }

    /**
     * Adds {@code mutations} with sequence numbers {@code firstSequence, firstSequence + 1, …}, like
     * {@link #add} one by one. Single writer. Each index update is a cache miss at a random slot, so
     * a window of entries first loads its slots, then goes into the tree, and only then into the
     * index: the misses overlap one another and the tree inserts instead of being waited for in turn.
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
                pendingEntries[i - from] = tree.insert(m.key(), trailer, m.isDelete() ? EMPTY : m.stored());
            }
            for (int i = from; i < to; i++) {
                index.put(mutations[i].key(), pendingHashes[i - from], pendingEntries[i - from]);
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
        long entry = index.find(userKey, userKey.length, hash);
        if (entry == Arena.NONE) {
            return null;
        }
        if (entry == NewestIndex.UNKNOWN || (arena.trailer(entry) >>> 8) > sequence) {
            // the index is off, or the newest version is too new for this reader: search the tree
            Cursor cursor = new Cursor(tree);
            cursor.seekForward(userKey, userKey.length, (sequence << 8) | ValueType.SEEK, false);
            if (!cursor.valid() || !arena.userKeyEquals(cursor.address(), userKey, userKey.length)) {
                return null;
            }
            entry = cursor.address();
        }
        int type = (int) (arena.trailer(entry) & 0xFF);
        return type == ValueType.DELETION ? Lookup.DELETED : Lookup.resolve(type, arena.value(entry), clock);
    }

    /** Bytes of memory the entries occupy. */
    public long approximateBytes() {
        return tree.bytesUsed() + index.bytesUsed();
    }

    public boolean isEmpty() {
        return tree.size() == 0;
    }

    public int entryCount() {
        return tree.size();
    }

    @Override
    public InternalIterator iterator(Direction direction, byte[] target) {
        return iterator(direction, target, ALL_VERSIONS);
    }

    /**
     * Like {@link #iterator(Direction, byte[])}, for a reader at {@code readSequence} that takes
     * each key's newest version up to it and ignores the older ones: a forward iterator leaves out
     * versions older than one at or below {@code readSequence}, mostly without loading them.
     */
    public InternalIterator iterator(Direction direction, byte[] target, long readSequence) {
        Cursor cursor = new Cursor(tree);
        boolean forward = direction == Direction.FORWARD;
        if (target == null) {
            if (forward) {
                cursor.seekToFirst();
            } else {
                cursor.seekToLast();
            }
        } else {
            // forward: first entry >= target; reverse: last entry <= target
            int userLength = target.length - InternalKey.TRAILER_SIZE;
            long trailer = Coding.getLong(target, userLength);
            if (forward) {
                cursor.seekForward(target, userLength, trailer, false);
            } else {
                cursor.seekBackward(target, userLength, trailer, false);
            }
        }
        return new EntryIterator(cursor, forward, readSequence);
    }

    private final class EntryIterator implements InternalIterator {
        private final Cursor cursor;
        private final boolean forward;
        private final long readSequence; // ALL_VERSIONS: none left out
        private final KeySlice key = new KeySlice();

        EntryIterator(Cursor cursor, boolean forward, long readSequence) {
            this.cursor = cursor;
            this.forward = forward;
            this.readSequence = readSequence;
            cursor.passOlderVersions(forward && readSequence != ALL_VERSIONS);
            pointAtKey();
        }

        @Override
        public boolean valid() {
            return cursor.valid();
        }

        @Override
        public byte[] key() {
            return key.toArray();
        }

        @Override
        public KeySlice keySlice() {
            return key;
        }

        @Override
        public byte[] value() {
            return arena.value(cursor.address());
        }

        @Override
        public void next() {
            if (forward && readSequence != ALL_VERSIONS && key.sequence() <= readSequence) {
                cursor.nextKey(); // the reader has this key's version: the older ones are of no use to it
            } else if (forward) {
                cursor.next();
            } else {
                cursor.previous();
            }
            pointAtKey();
        }

        private void pointAtKey() {
            if (cursor.valid()) {
                arena.slice(cursor.address(), key);
            }
        }
    }
}
