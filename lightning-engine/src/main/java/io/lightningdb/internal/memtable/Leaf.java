package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.Probe;
import java.util.Arrays;

/**
 * A leaf of an {@link ArenaBTree}: up to {@link #CAPACITY} entries of one key range, as addresses
 * in key order with a {@link Probe} of each key. The entries themselves stay where the arena put
 * them; only these slots shift when a key arrives between others, under the node's version.
 *
 * <p>Each slot also says whether its entry is an {@link #olderVersions older version} of the entry
 * before it, so a scan that has read a key's newest version can pass the rest of that key's
 * versions without loading them.
 *
 * <p>A leaf covers the internal keys from {@link #low} up to the next leaf's low key. Its low key
 * never changes; when it splits, it keeps its lower half in place and a new leaf to its right
 * takes the upper half, so a reader following {@link #next} from a copy taken before the split
 * still meets every entry once.
 */
final class Leaf extends VersionedNode {
    static final int CAPACITY = 64;
    /** Approximate heap bytes of a leaf: its object, slot arrays and low key. */
    static final int BYTES = 48 + (16 + 8 * CAPACITY) + (16 + 4 * CAPACITY) + (16 + CAPACITY) + 48;

    final long[] entries = new long[CAPACITY];
    final int[] probes = new int[CAPACITY];
    /**
     * Whether a slot's entry has the same user key as the entry before it in key order: an older
     * version, as newer versions sort first. Only ever true when it is so; a version whose newer one
     * ended the leaf before is left false, which costs a scan a load, never an entry.
     */
    final boolean[] olderVersions = new boolean[CAPACITY];
    /** The lowest internal key the leaf covers; null for the first leaf. Never changes. */
    final byte[] low;
    /** Length of the user-key prefix all keys of the leaf's range share (at creation: it only narrows). */
    final int prefix;

    int count; // under the version
    Leaf next; // under the version
    byte[] high; // writer only: the next leaf's low key, null for the last leaf

    Leaf(ArenaBTree tree, byte[] low, byte[] high) {
        super(tree);
        this.low = low;
        this.high = high;
        this.prefix = Probe.sharedPrefix(low, high);
    }

    /**
     * Index of the first of {@code count} slots whose entry is {@code >=} the key (with {@code
     * strictly}, {@code >}), or {@code count}. The slots may be a reader's copy of this leaf's.
     */
    int search(
            Arena arena,
            long[] slots,
            int[] slotProbes,
            int count,
            byte[] key,
            int userKeyLength,
            long trailer,
            boolean strictly) {
        // a key outside the leaf's range (a reader routed before a split) may not share the prefix
        boolean useProbes = prefix == 0
                || (userKeyLength >= prefix && low != null && Arrays.equals(key, 0, prefix, low, 0, prefix));
        int keyProbe = useProbes ? Probe.of(key, 0, userKeyLength, prefix) : 0;
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = useProbes ? Integer.compareUnsigned(slotProbes[mid], keyProbe) : 0;
            if (cmp == 0) {
                cmp = arena.compare(slots[mid], key, userKeyLength, trailer);
            }
            if (cmp < 0 || (strictly && cmp == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Writer only: lists the entry at {@code address}, with its key's {@code probe}, as the {@code
     * position}-th; the leaf has room. The entry is its key's newest version (sequence numbers only
     * grow), so it sorts before that key's older versions: when {@code shadows}, the entry it
     * displaces to {@code position + 1} is the one it supersedes.
     */
    void insert(int position, long address, int probe, boolean shadows) {
        beginWrite();
        int n = count;
        System.arraycopy(entries, position, entries, position + 1, n - position);
        System.arraycopy(probes, position, probes, position + 1, n - position);
        System.arraycopy(olderVersions, position, olderVersions, position + 1, n - position);
        entries[position] = address;
        probes[position] = probe;
        olderVersions[position] = false;
        if (shadows) {
            olderVersions[position + 1] = true;
        }
        count = n + 1;
        endWrite();
    }
}
