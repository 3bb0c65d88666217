package io.lightningdb.internal.key;

import java.util.Arrays;

/**
 * Four bytes of a user key after a prefix that every key of a group shares (a memtable leaf's
 * range, a table block), big-endian and zero-padded: for keys sharing that prefix, a smaller probe
 * means a smaller key, so a binary search compares probes held in a cache line or two and reads
 * keys only to settle equal probes.
 */
public final class Probe {
    private Probe() {}

    /** The probe of the user key {@code key[from, from + length)} after {@code prefix} bytes. */
    public static int of(byte[] key, int from, int length, int prefix) {
        int p = 0;
        for (int i = prefix; i < prefix + 4; i++) {
            p = (p << 8) | (i < length ? key[from + i] & 0xFF : 0);
        }
        return p;
    }

    /**
     * Length of the user-key prefix every key from {@code low} up to {@code high} shares (internal
     * keys; null for unbounded).
     */
    public static int sharedPrefix(byte[] low, byte[] high) {
        if (low == null || high == null) {
            return 0;
        }
        int lowLength = InternalKey.userKeyLength(low);
        int highLength = InternalKey.userKeyLength(high);
        int mismatch = Arrays.mismatch(low, 0, lowLength, high, 0, highLength);
        return mismatch < 0 ? lowLength : mismatch;
    }
}
