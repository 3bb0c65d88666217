package io.lightningdb.internal.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hash of a user key that bloom filters and the memtable's hash index share. Part of the
 * table format (filters store its bits), so it must never change.
 */
public final class KeyHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0xc6a4a7935bd1e995L;

    private KeyHash() {}

    /** A MurmurHash2-style hash of {@code key[0, len)}. */
    public static long of(byte[] key, int len) {
        long h = 0x9747b28cL ^ (len * M);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long k = (long) LONGS.get(key, i);
            k *= M;
            k ^= k >>> 47;
            k *= M;
            h ^= k;
            h *= M;
        }
        if (i < len) {
            long k = 0;
            for (int j = len - 1; j >= i; j--) {
                k = (k << 8) | (key[j] & 0xFF);
            }
            h ^= k;
            h *= M;
        }
        h ^= h >>> 47;
        h *= M;
        h ^= h >>> 47;
        return h;
    }
}
