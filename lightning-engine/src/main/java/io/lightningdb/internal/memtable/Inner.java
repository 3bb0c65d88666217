package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * An inner node of an {@link ArenaBTree}: {@code count} separator keys (internal keys, copied) and
 * {@code count + 1} children; child {@code i} covers the keys from separator {@code i - 1} up to
 * separator {@code i}. Changed in place under its version.
 */
final class Inner extends VersionedNode {
    static final int CAPACITY = 64;
    /** Approximate heap bytes of an inner node without its separators. */
    static final int BYTES = 32 + (16 + 8 * CAPACITY) + (16 + 8 * (CAPACITY + 1));

    final byte[][] keys = new byte[CAPACITY][];
    final VersionedNode[] children = new VersionedNode[CAPACITY + 1];
    int count; // separators, under the version

    /**
     * The child to descend to for the key: the number of separators {@code <=} the key (with {@code
     * before}, {@code <}, for the leaf holding the keys just below it). -1 if a torn read met an
     * empty slot: the caller retries.
     */
    int childIndex(int n, byte[] key, int userKeyLength, long trailer, boolean before) {
        int lo = 0;
        int hi = Math.min(n, CAPACITY);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] separator = keys[mid];
            if (separator == null) {
                return -1;
            }
            int cmp = compare(separator, key, userKeyLength, trailer);
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
