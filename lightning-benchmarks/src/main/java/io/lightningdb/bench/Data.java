package io.lightningdb.bench;

import java.util.SplittableRandom;

/**
 * The keys and values every store receives: 16-byte keys "0000000000000042" (key order is number
 * order) and values cut from a pool in which each half repeats the other, so they compress about
 * 2:1, as in LevelDB's db_bench.
 */
final class Data {
    static final int KEY_SIZE = 16;

    private static final int POOL_SIZE = 1 << 20;

    private final byte[] pool = new byte[POOL_SIZE];
    private final int valueSize;

    Data(int valueSize, long seed) {
        this.valueSize = valueSize;
        SplittableRandom random = new SplittableRandom(seed);
        int half = Math.max(1, valueSize / 2);
        for (int off = 0; off < POOL_SIZE; off += 2 * half) {
            for (int i = 0; i < half && off + i < POOL_SIZE; i++) {
                pool[off + i] = (byte) random.nextInt(256);
                if (off + half + i < POOL_SIZE) {
                    pool[off + half + i] = pool[off + i];
                }
            }
        }
    }

    /** The key of entry {@code n}: its number in 16 decimal digits. */
    static byte[] key(long n) {
        byte[] k = new byte[KEY_SIZE];
        for (int i = KEY_SIZE - 1; i >= 0; i--) {
            k[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return k;
    }

    /**
     * A key that is never written: 15 digits and a '.', so it falls between present keys and is not
     * rejected by a key-range check alone.
     */
    static byte[] missingKey(long n) {
        byte[] k = key(n * 10);
        k[KEY_SIZE - 1] = '.';
        return k;
    }

    /** A fresh value; {@code random} picks where in the pool it is cut. */
    byte[] value(SplittableRandom random) {
        int off = random.nextInt(POOL_SIZE - valueSize);
        byte[] v = new byte[valueSize];
        System.arraycopy(pool, off, v, 0, valueSize);
        return v;
    }
}
