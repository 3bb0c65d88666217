package io.lightningdb.internal.sstable;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether point reads of one table consult its bloom filter. A filter pays only on reads of keys
 * the table does not hold: it turns them away for one cache miss, where the index search and block
 * seek it spares cost several. On a read of a key the table holds, it is that one miss for nothing,
 * and those are most reads of the deepest level, where each key lives in the one table whose range
 * covers it. Measured on one compacted table of 300k keys, all blocks cached (2-core VM), in one
 * batch of runs: a get of a present key took 0.84-0.88 µs consulting the filter and 0.71-0.78 µs
 * never consulting it; a get of an absent key took 0.13 µs consulting it.
 *
 * <p>So reads consult the filter while it turns a fair share of them away, and skip it while it
 * admits nearly all. One read in {@link #SAMPLE_EVERY}, picked at random, consults it in either
 * case and tallies whether it was turned away; every {@link #WINDOW} tallies decide the next
 * window: skip if at most {@link #MAX_REJECTS_TO_SKIP} were. The bar is low because a read the
 * filter would have turned away costs a block search when skipped, and a block read when that
 * block is not cached. A new table consults its filter until its first window says otherwise.
 *
 * <p>Skipping never changes an answer, only its cost: the filter admits every key the table holds.
 * The verdict and tallies are plain fields shared by every reader of the table without
 * synchronization: a race may lose or repeat a tally, which only moves a window's end by a read or
 * two, and a reader may act on a verdict a little late.
 */
final class FilterUse {
    /** One read in this many consults the filter whatever the verdict, and is tallied. */
    static final int SAMPLE_EVERY = 16;
    /** Tallied reads per verdict. */
    static final int WINDOW = 64;
    /** The most reads of a window the filter may turn away for the next window to skip it. */
    static final int MAX_REJECTS_TO_SKIP = 1;

    private boolean skip;
    private int tallied;
    private int rejected;

    /** Whether the table may hold the key with {@code hash}: false only if {@code filter} rules it out. */
    boolean admits(byte[] filter, long hash) {
        if ((ThreadLocalRandom.current().nextInt() & (SAMPLE_EVERY - 1)) == 0) {
            boolean admitted = BloomFilter.mayContain(filter, hash);
            tally(!admitted);
            return admitted;
        }
        return skip || BloomFilter.mayContain(filter, hash);
    }

    /** Whether reads not sampled skip the filter now. */
    boolean skipping() {
        return skip;
    }

    private void tally(boolean turnedAway) {
        int r = turnedAway ? rejected + 1 : rejected;
        int t = tallied + 1;
        if (t < WINDOW) {
            tallied = t;
            rejected = r;
            return;
        }
        skip = r <= MAX_REJECTS_TO_SKIP;
        tallied = 0;
        rejected = 0;
    }
}
