package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Probe;
import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * An inner node of an {@link ArenaBTree}: {@code count} separator keys (internal keys, copied) and
 * {@code count + 1} children; child {@code i} covers the keys from separator {@code i - 1} up to
 * separator {@code i}. Changed in place under its version.
 *
 * <p>Each separator has a {@link Probe} taken after the {@link #prefix} all of them share, so a
 * search compares ints in two cache lines and reads a separator only to settle an equal probe; a
 * key outside that prefix is placed by one comparison with it.
 */
final class Inner extends VersionedNode {
    static final int CAPACITY = 64;
    /** Approximate heap bytes of an inner node without its separators. */
    static final int BYTES = 32 + (16 + 8 * CAPACITY) + (16 + 8 * (CAPACITY + 1)) + (16 + 4 * CAPACITY);

    final byte[][] keys = new byte[CAPACITY][];
    final VersionedNode[] children = new VersionedNode[CAPACITY + 1];
    final int[] probes = new int[CAPACITY];
    int count; // separators, under the version
    int prefix; // user-key bytes every separator shares, under the version

    Inner(ArenaBTree tree) {
        super(tree);
    }

    /**
     * Writer only, while the node is not readable or inside {@link #beginWrite}: brings the prefix
     * and probes up to date after the separators changed ({@code changed} is the only new one, or -1
     * if others changed too).
     */
    void reprobe(int changed) {
        int n = count;
        int shared = n == 0 ? 0 : Probe.sharedPrefix(keys[0], keys[n - 1]);
        if (shared == prefix && changed >= 0) {
            probes[changed] = probe(keys[changed], shared);
            return;
        }
        prefix = shared;
        for (int i = 0; i < n; i++) {
            probes[i] = probe(keys[i], shared);
        }
    }

    private static int probe(byte[] separator, int prefix) {
        return Probe.of(separator, 0, separator.length - InternalKey.TRAILER_SIZE, prefix);
    }

    /**
     * The child to descend to for the key: the number of separators {@code <=} the key (with {@code
     * before}, {@code <}, for the leaf holding the keys just below it). -1 if a torn read met an
     * inconsistent node: the caller retries.
     */
    int childIndex(int n, byte[] key, int userKeyLength, long trailer, boolean before) {
        int hi = Math.min(n, CAPACITY);
        if (hi == 0) {
            return 0;
        }
        int shared = prefix;
        byte[] first = keys[0];
        if (first == null || shared > first.length - InternalKey.TRAILER_SIZE) {
            return -1;
        }
        int common = Math.min(shared, userKeyLength);
        int outside = Arrays.compareUnsigned(key, 0, common, first, 0, common);
        if (outside < 0 || (outside == 0 && userKeyLength < shared)) {
            return 0; // below every separator
        }
        if (outside > 0) {
            return hi; // above every separator
        }
        int keyProbe = Probe.of(key, 0, userKeyLength, shared);
        int lo = 0;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compareUnsigned(probes[mid], keyProbe);
            if (cmp == 0) {
                byte[] separator = keys[mid];
                if (separator == null) {
                    return -1;
                }
                cmp = compare(separator, key, userKeyLength, trailer);
            }
            if (cmp < 0 || (!before && cmp == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Compares the internal key {@code ikey} with {@code key[0, userKeyLength)} plus {@code trailer}. */
    static int compare(byte[] ikey, byte[] key, int userKeyLength, long trailer) {
        int length = ikey.length - InternalKey.TRAILER_SIZE;
        int cmp = Arrays.compareUnsigned(ikey, 0, length, key, 0, userKeyLength);
        if (cmp != 0) {
            return cmp;
        }
        return Long.compareUnsigned(trailer, Coding.getLong(ikey, length)); // newer (larger trailer) first
    }
}
