package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * When reads of a table consult its bloom filter: always while the filter turns a fair share of
 * them away, one read in {@link FilterUse#SAMPLE_EVERY} while it admits nearly all, and never so
 * that a key the filter admits is turned away.
 */
class FilterUseTest {
    private static final int KEYS = 10_000;
    private static final int BOUND = 200_000; // reads before a verdict that is due after ~1,000

    private final long[] present = BloomFilterTest.hashes("key-", KEYS);
    private final byte[] filter = BloomFilter.build(present, KEYS, 10);
    private final long[] absent = rejected(BloomFilterTest.hashes("other-", KEYS));

    @Test
    void aNewTableConsultsItsFilter() {
        FilterUse use = new FilterUse();
        assertThat(use.skipping()).isFalse();
        for (long h : absent) {
            assertThat(use.admits(filter, h)).isFalse();
        }
        assertThat(use.skipping()).isFalse();
    }

    @Test
    void readsThatAllFindTheirKeySkipTheFilterUntilReadsMissAgain() {
        FilterUse use = new FilterUse();
        int reads = 0;
        for (; !use.skipping() && reads < BOUND; reads++) {
            assertThat(use.admits(filter, present[reads % KEYS])).isTrue();
        }
        assertThat(use.skipping()).as("skipping after %d reads", reads).isTrue();

        int admittedWhileSkipping = 0;
        reads = 0;
        for (; use.skipping() && reads < BOUND; reads++) {
            if (use.admits(filter, absent[reads % absent.length])) {
                admittedWhileSkipping++;
            }
        }
        assertThat(use.skipping()).as("consulting again after %d misses", reads).isFalse();
        assertThat(admittedWhileSkipping).isPositive();
        for (long h : absent) {
            assertThat(use.admits(filter, h)).isFalse();
        }
    }

    @Test
    void aFairShareOfMissesKeepsTheFilterInUse() {
        FilterUse use = new FilterUse();
        int misses = 0;
        int missesAdmitted = 0;
        for (int i = 0; i < BOUND; i++) {
            if (i % 10 == 0) { // one read in ten looks for a key the table does not hold
                misses++;
                if (use.admits(filter, absent[i % absent.length])) {
                    missesAdmitted++;
                }
            } else {
                assertThat(use.admits(filter, present[i % KEYS])).isTrue();
            }
        }
        // a window wrongly skips only when at most one of its ~6 tallied misses shows: ~1% of windows
        assertThat((double) missesAdmitted / misses).isLessThan(0.2);
    }

    /** The hashes of {@code others} that the filter turns away (all but its false positives). */
    private long[] rejected(long[] others) {
        return Arrays.stream(others)
                .filter(h -> !BloomFilter.mayContain(filter, h))
                .toArray();
    }
}
