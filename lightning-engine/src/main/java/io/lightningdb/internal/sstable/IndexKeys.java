package io.lightningdb.internal.sstable;

import io.lightningdb.internal.key.InternalKey;
import java.util.Arrays;

/**
 * The last internal key of each data block of a table, searched by binary search on every point
 * read and seek. Each key is its own array somewhere on the heap, so a plain search takes a cache
 * miss per step; this keeps, beside the keys, one {@code long} per block holding the eight user-key
 * bytes that follow the prefix every key of the table shares (big-endian, zero-padded). Those fit
 * in a few cache lines, order the keys wherever they differ, and only a tie reads the key itself.
 */
final class IndexKeys {
    private final byte[][] keys;
    private final byte[] sharedPrefix;
    private final long[] probes;

    IndexKeys(byte[][] keys) {
        this.keys = keys;
        this.sharedPrefix = keys.length == 0 ? new byte[0] : sharedUserPrefix(keys[0], keys[keys.length - 1]);
        this.probes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            probes[i] = probe(keys[i], InternalKey.userKeyLength(keys[i]));
        }
    }

    int count() {
        return keys.length;
    }

    /** Index of the first key {@code >= target} (an internal key), or {@link #count()}. */
    int findFirstAtOrAfter(byte[] target) {
        int userLength = InternalKey.userKeyLength(target);
        int prefix = sharedPrefix.length;
        int c = Arrays.compareUnsigned(target, 0, Math.min(userLength, prefix), sharedPrefix, 0, prefix);
        if (c != 0 || userLength < prefix) { // outside the prefix: before or after every key
            return c > 0 ? keys.length : 0;
        }
        long targetProbe = probe(target, userLength);
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int order = Long.compareUnsigned(probes[mid], targetProbe);
            if (order == 0) {
                order = InternalKey.compare(keys[mid], target);
            }
            if (order < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The eight user-key bytes after the shared prefix, big-endian, zeros past the key's end. */
    private long probe(byte[] key, int userLength) {
        long p = 0;
        int from = sharedPrefix.length;
        for (int i = 0; i < Long.BYTES; i++) {
            int at = from + i;
            p = (p << 8) | (at < userLength ? key[at] & 0xFF : 0);
        }
        return p;
    }

    private static byte[] sharedUserPrefix(byte[] first, byte[] last) {
        int mismatch =
                Arrays.mismatch(first, 0, InternalKey.userKeyLength(first), last, 0, InternalKey.userKeyLength(last));
        int length = mismatch < 0 ? InternalKey.userKeyLength(first) : mismatch;
        return Arrays.copyOf(first, length);
    }
}
