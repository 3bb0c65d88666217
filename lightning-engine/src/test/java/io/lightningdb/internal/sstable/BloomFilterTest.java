package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.util.KeyHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The blocked filter tables are written with, and the plain filter of tables written before it:
 * no false negatives, and false positives near what the bits per key promise.
 */
class BloomFilterTest {
    private static final int KEYS = 100_000;

    @Test
    void blockedFilterAdmitsEveryKeyAndFewOthers() {
        long[] hashes = hashes("key-", KEYS);
        byte[] filter = BloomFilter.build(hashes, KEYS, 10);
        assertThat(filter[filter.length - 1] & 0xFF).isEqualTo(0x80 | 7);
        assertThat((filter.length - 1) % BloomFilter.BLOCK_BYTES).isZero();
        for (long h : hashes) {
            assertThat(BloomFilter.mayContain(filter, h)).isTrue();
        }
        assertThat(falsePositiveRate(filter))
                .isBetween(0.002, 0.02); // 0.97% measured on a million keys at 10 bits per key
    }

    @Test
    void moreBitsPerKeyMeanFewerFalsePositives() {
        long[] hashes = hashes("key-", KEYS);
        double at6 = falsePositiveRate(BloomFilter.build(hashes, KEYS, 6));
        double at10 = falsePositiveRate(BloomFilter.build(hashes, KEYS, 10));
        double at16 = falsePositiveRate(BloomFilter.build(hashes, KEYS, 16));
        assertThat(at6).isGreaterThan(at10);
        assertThat(at10).isGreaterThan(at16);
    }

    @Test
    void tinyAndEmptyFiltersStillAnswer() {
        long[] one = hashes("only", 1);
        byte[] filter = BloomFilter.build(one, 1, 10);
        assertThat(filter.length - 1).isEqualTo(BloomFilter.BLOCK_BYTES);
        assertThat(BloomFilter.mayContain(filter, one[0])).isTrue();
        byte[] empty = BloomFilter.build(new long[0], 0, 10);
        assertThat(BloomFilter.mayContain(empty, one[0])).isFalse();
        assertThat(BloomFilter.mayContain(new byte[0], one[0])).isTrue(); // no filter at all: admit
        assertThat(BloomFilter.mayContain(new byte[] {0, 0, (byte) 0x87}, one[0]))
                .isTrue(); // too short to be blocked
    }

    @Test
    void plainFiltersOfOlderTablesAreStillRead() {
        long[] hashes = hashes("key-", KEYS);
        byte[] plain = plainFilter(hashes, 10);
        for (long h : hashes) {
            assertThat(BloomFilter.mayContain(plain, h)).isTrue();
        }
        assertThat(falsePositiveRate(plain)).isBetween(0.002, 0.02);
    }

    private static double falsePositiveRate(byte[] filter) {
        long[] others = hashes("other-", KEYS);
        int admitted = 0;
        for (long h : others) {
            if (BloomFilter.mayContain(filter, h)) {
                admitted++;
            }
        }
        return (double) admitted / others.length;
    }

    /** The {@link KeyHash}es of {@code prefix + i} for i below {@code n}. */
    static long[] hashes(String prefix, int n) {
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] key = (prefix + i).getBytes(StandardCharsets.UTF_8);
            hashes[i] = KeyHash.of(key, key.length);
        }
        return hashes;
    }

    /** The filter format tables had before blocked filters, written here independently of the engine. */
    private static byte[] plainFilter(long[] hashes, int bitsPerKey) {
        int probes = (int) Math.round(bitsPerKey * 0.69);
        long bits = (long) hashes.length * bitsPerKey;
        int bytes = (int) ((bits + 7) / 8);
        bits = bytes * 8L;
        byte[] filter = new byte[bytes + 1];
        filter[bytes] = (byte) probes;
        for (long h : hashes) {
            long delta = (h >>> 33) | (h << 31);
            for (int p = 0; p < probes; p++) {
                long bit = Long.remainderUnsigned(h, bits);
                filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                h += delta;
            }
        }
        return filter;
    }
}
