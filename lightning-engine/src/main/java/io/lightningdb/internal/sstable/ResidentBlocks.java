package io.lightningdb.internal.sstable;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One table's direct references to its data blocks that are in the {@link BlockCache}, indexed by
 * block number, so a cached block is one array load away instead of a hash lookup that chases a
 * node, a boxed key and the value (three cache misses, then Caffeine's bookkeeping). The cache
 * stays the owner: it clears a slot when it evicts the block, so these references never keep a
 * block alive beyond the cache's budget. Hits here are reported to the cache only one time in
 * {@link #TOUCH_EVERY}, which keeps its frequency and recency estimates (they are relative) at a
 * fraction of the cost.
 */
final class ResidentBlocks {
    static final int TOUCH_EVERY = 8;

    private final AtomicReferenceArray<Block> slots;

    ResidentBlocks(int blockCount) {
        slots = new AtomicReferenceArray<>(blockCount);
    }

    /** The block at {@code index} if resident, else null. */
    Block get(int index) {
        return slots.getAcquire(index);
    }

    /** Whether this hit should also be reported to the cache (at random: no shared counter to contend on). */
    static boolean sampleTouch() {
        return (ThreadLocalRandom.current().nextInt() & (TOUCH_EVERY - 1)) == 0;
    }

    void publish(int index, Block block) {
        slots.setRelease(index, block);
    }

    /** Drops {@code block} from its slot unless a newer load has replaced it there. */
    void clear(int index, Block block) {
        slots.compareAndSet(index, block, null);
    }

    /** How many blocks are resident now. */
    int count() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }
}
