package io.lightningdb.internal.sstable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Probe;
import java.util.Arrays;

/**
 * Where each entry of a data block starts, in key order, with a {@link Probe} of its key taken
 * after the user-key prefix every key of the block shares. A point lookup or seek binary-searches
 * the probes (a few cache lines) and reads the one entry it lands on, where a search through the
 * restart points reads the block's tail, a restart point's key and then up to a restart interval
 * of entries, one after the other.
 *
 * <p>An entry's key is stored without the bytes it shares with the key before it. The entry a
 * search lands on is the first whose probe is not below the target's, so the key before it has a
 * smaller probe: the two differ within the probe's bytes, and the bytes they share are the prefix
 * and the start of the entry's own probe ({@link #restoreShared}).
 *
 * <p>Eight bytes per entry (probe and offset in one {@code long}) and the prefix. Immutable, so it
 * can be shared by every reader of the block once published.
 */
final class BlockDirectory {
    private final byte[] prefix;
    private final long[] entries; // unsigned probe << 32 | offset, in key order

    /**
     * The directory of {@code count} entries starting at {@code offsets}, in key order, whose keys
     * share the user-key {@code prefix} and have the {@code probes} taken after it.
     */
    BlockDirectory(byte[] prefix, int[] offsets, int[] probes, int count) {
        this.prefix = prefix;
        this.entries = new long[count];
        for (int i = 0; i < count; i++) {
            entries[i] = (probes[i] & 0xFFFF_FFFFL) << 32 | offsets[i];
        }
    }

    int count() {
        return entries.length;
    }

    int offset(int index) {
        return (int) entries[index];
    }

    /**
     * Index of the first entry whose key may be {@code >=} the target (an internal key): every
     * entry before it is below the target. {@link #count()} if every entry is.
     */
    int firstCandidate(byte[] target) {
        int userLength = InternalKey.userKeyLength(target);
        int shared = prefix.length;
        int common = Math.min(userLength, shared);
        int outside = Arrays.compareUnsigned(target, 0, common, prefix, 0, common);
        if (outside < 0 || (outside == 0 && userLength < shared)) {
            return 0; // below every key
        }
        if (outside > 0) {
            return entries.length; // above every key
        }
        long bound = (Probe.of(target, 0, userLength, shared) & 0xFFFF_FFFFL) << 32;
        int lo = 0;
        int hi = entries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(entries[mid], bound) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Writes the first {@code shared} bytes of the key of the entry {@link #firstCandidate} landed
     * on (the bytes it shares with the key before it) into {@code key}, from the prefix and the
     * entry's own probe: the key before has a smaller probe, so the two part within it. False when
     * a shorter key before has a sequence number whose bytes go on matching this key past its probe
     * or into its own sequence number (which starts at {@code userLength}): no probe holds those.
     */
    boolean restoreShared(int index, int shared, int userLength, byte[] key) {
        int p = prefix.length;
        if (shared > Math.min(p + Integer.BYTES, userLength)) {
            return false;
        }
        System.arraycopy(prefix, 0, key, 0, Math.min(shared, p));
        int probe = probe(index);
        for (int i = p; i < shared; i++) {
            key[i] = (byte) (probe >>> (8 * (Integer.BYTES - 1 - (i - p))));
        }
        return true;
    }

    private int probe(int index) {
        return (int) (entries[index] >>> 32);
    }

    /** Heap bytes of a directory of {@code entries} entries, but for the prefix's few bytes. */
    static int bytesFor(int entries) {
        return 16 + 16 + Long.BYTES * entries + 16;
    }
}
