package io.lightningdb.bench.jmh;

/** The 16-byte decimal keys and 100-byte values the micro-benchmarks share with the harness. */
final class Keys {
    static final int COUNT = 100_000;
    static final int VALUE_SIZE = 100;

    private Keys() {}

    static byte[] key(long n) {
        byte[] k = new byte[16];
        for (int i = 15; i >= 0; i--) {
            k[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return k;
    }

    /** Keys 0 … count-1 built once, so benchmarks measure the engine rather than key formatting. */
    static byte[][] all(int count) {
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = key(i);
        }
        return keys;
    }
}
