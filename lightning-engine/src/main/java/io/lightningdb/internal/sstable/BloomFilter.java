package io.lightningdb.internal.sstable;

/**
 * A bloom filter over the user keys of one table, so that point lookups skip tables that cannot
 * hold the key. Encoded as the bit array followed by one byte holding the probe count. Probes use
 * double hashing of one 64-bit {@link io.lightningdb.internal.util.KeyHash}.
 */
final class BloomFilter {
    private BloomFilter() {}

    /** Builds the filter for {@code count} keys whose hashes are in {@code hashes}. */
    static byte[] build(long[] hashes, int count, int bitsPerKey) {
        int probes = Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
        long bits = Math.max(64, (long) count * bitsPerKey);
        int bytes = (int) Math.min(Integer.MAX_VALUE - 1, (bits + 7) / 8);
        bits = bytes * 8L;
        byte[] filter = new byte[bytes + 1];
        filter[bytes] = (byte) probes;
        for (int i = 0; i < count; i++) {
            long h = hashes[i];
            long delta = (h >>> 33) | (h << 31);
            for (int p = 0; p < probes; p++) {
                long bit = Long.remainderUnsigned(h, bits);
                filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h += delta;
            }
        }
        return filter;
    }

    /** Whether the key with hash {@code h} may be in the set (false means certainly absent). */
    static boolean mayContain(byte[] filter, long h) {
        int bytes = filter.length - 1;
        if (bytes <= 0) {
            return true;
        }
        long bits = bytes * 8L;
        int probes = filter[bytes];
        long delta = (h >>> 33) | (h << 31);
        for (int p = 0; p < probes; p++) {
            long bit = Long.remainderUnsigned(h, bits);
            if ((filter[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
            h += delta;
        }
        return true;
    }
}
