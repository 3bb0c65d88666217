package io.lightningdb.internal.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A hash index from each user key in an {@link Arena} to its newest entry, so a point read costs
 * one or two cache misses instead of a descent through the {@link ArenaBTree}, and a key the
 * memtable never saw is ruled out without touching the tree (what RocksDB's hash memtables and
 * memtable bloom filters buy).
 *
 * <p>Open addressing with linear probing in one {@code long[]}; a slot packs 24 bits of the key's
 * hash (its low bits also choose the home slot, so the table can grow without re-reading keys) and
 * the entry's 40-bit address. One writer (the memtable's) and lock-free readers: the writer
 * publishes a slot with a release store after the entry is complete, and a grown table through a
 * volatile field. Readers obtain their sequence number before they look here, and the writer
 * indexes an entry before its sequence becomes visible, so a reader never misses a version it may
 * see. Past {@link #MAX_SLOTS} slots the index switches itself off and reads fall back to the tree.
 */
final class NewestIndex {
    /** {@link #find} result when the index is off: the caller must search the tree. */
    static final long UNKNOWN = -1;

    private static final int TAG_BITS = 24;
    private static final int TAG_MASK = (1 << TAG_BITS) - 1;
    private static final int OFFSET_BITS = 20;
    private static final int CHUNK_BITS = 64 - TAG_BITS - OFFSET_BITS;
    private static final int MAX_SLOTS = 1 << TAG_BITS;
    private static final int INITIAL_SLOTS = 1 << 6; // small: an empty memtable must stay far below tiny write buffers
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        // An entry's offset must fit its field: chunks are at most 2^OFFSET_BITS bytes, or hold one entry.
        if (Arena.CHUNK_SIZE > 1 << OFFSET_BITS) {
            throw new AssertionError("chunk size exceeds the index's offset field");
        }
    }

    private final Arena arena;
    private volatile long[] slots = new long[INITIAL_SLOTS];
    private int used; // writer only

    NewestIndex(Arena arena) {
        this.arena = arena;
    }

    /** Records {@code entry} as the newest version of {@code userKey}, whose hash is {@code hash}. Writer only. */
    void put(byte[] userKey, long hash, long entry) {
        long[] table = slots;
        if (table == null) {
            return;
        }
        long chunk = entry >>> 32;
        if (chunk >= 1L << CHUNK_BITS) { // a memtable of over a terabyte: stop indexing
            slots = null;
            return;
        }
        int tag = (int) hash & TAG_MASK;
        long packed = ((long) tag << (64 - TAG_BITS)) | (chunk << OFFSET_BITS) | (int) entry;
        int mask = table.length - 1;
        for (int i = tag & mask; ; i = (i + 1) & mask) {
            long s = table[i];
            if (s == 0) {
                SLOTS.setRelease(table, i, packed);
                if (++used > table.length / 2) {
                    grow(table);
                }
                return;
            }
            if (tag(s) == tag && arena.userKeyEquals(address(s), userKey, userKey.length)) {
                if (Long.compareUnsigned(arena.trailer(entry), arena.trailer(address(s))) > 0) {
                    SLOTS.setRelease(table, i, packed);
                }
                return;
            }
        }
    }

    /**
     * Loads the slot where a key with {@code hash} starts probing, so that its cache miss overlaps
     * the work before {@link #put}; returns it only so the load is not optimized away. Writer only.
     */
    long touch(long hash) {
        long[] table = slots;
        return table == null ? 0 : table[(int) hash & TAG_MASK & (table.length - 1)];
    }

    /**
     * The newest entry holding the user key {@code key[0, length)} (whose hash is {@code hash}),
     * {@link Arena#NONE} when the memtable has no version of it, or {@link #UNKNOWN} when
     * the index is off.
     */
    long find(byte[] key, int length, long hash) {
        long[] table = slots;
        if (table == null) {
            return UNKNOWN;
        }
        int tag = (int) hash & TAG_MASK;
        int mask = table.length - 1;
        for (int i = tag & mask; ; i = (i + 1) & mask) {
            long s = (long) SLOTS.getAcquire(table, i);
            if (s == 0) {
                return 0;
            }
            if (tag(s) == tag && arena.userKeyEquals(address(s), key, length)) {
                return address(s);
            }
        }
    }

    /** Bytes of memory the index occupies. */
    long bytesUsed() {
        long[] table = slots;
        return table == null ? 0 : 8L * table.length;
    }

    private void grow(long[] table) {
        if (table.length == MAX_SLOTS) {
            slots = null;
            return;
        }
        long[] bigger = new long[table.length * 2];
        int mask = bigger.length - 1;
        for (long s : table) {
            if (s != 0) {
                int i = tag(s) & mask;
                while (bigger[i] != 0) {
                    i = (i + 1) & mask;
                }
                bigger[i] = s;
            }
        }
        slots = bigger; // the volatile store publishes the filled table
    }

    private static int tag(long slot) {
        return (int) (slot >>> (64 - TAG_BITS));
    }

    private static long address(long slot) {
        long chunk = (slot >>> OFFSET_BITS) & ((1L << CHUNK_BITS) - 1);
        return (chunk << 32) | (slot & ((1L << OFFSET_BITS) - 1));
    }
}
