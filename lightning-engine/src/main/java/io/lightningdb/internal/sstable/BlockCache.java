package io.lightningdb.internal.sstable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Byte-weighted cache of parsed data blocks shared by all tables, W-TinyLFU through Caffeine, with
 * each table's {@link ResidentBlocks} in front of it for the blocks it holds. A zero capacity
 * disables caching (every read goes to the file).
 */
public final class BlockCache {
    private static final int ENTRY_OVERHEAD = 96;

    /** A cached block and the table slot that refers to it, cleared when the block is evicted. */
    private record Entry(Block block, ResidentBlocks owner, int index) {}

    private final Cache<Long, Entry> cache;
    private final LongAdder residentHits = new LongAdder(); // hits Caffeine does not see

    public BlockCache(long capacityBytes) {
        this.cache = capacityBytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(capacityBytes)
                        .weigher((Long k, Entry e) -> e.block().sizeInBytes() + ENTRY_OVERHEAD)
                        .evictionListener((Long k, Entry e, RemovalCause cause) -> {
                            if (e != null) {
                                e.owner().clear(e.index(), e.block());
                            }
                        })
                        .recordStats()
                        .executor(Runnable::run) // evict on the calling thread: no pool hop per read
                        .build();
    }

    /** Cache key of the block at {@code offset} of table {@code fileNumber}. */
    static long key(long fileNumber, long offset) {
        return (fileNumber << 40) | offset;
    }

    /**
     * Block {@code index} of a table, whose cache key is {@code key}: from the table's resident
     * slots, else from the cache, else loaded (and then made resident).
     */
    Block get(ResidentBlocks resident, int index, long key, Supplier<Block> loader) {
        if (cache == null) {
            return loader.get();
        }
        Block block = resident.get(index);
        if (block != null) {
            residentHits.increment();
            if (ResidentBlocks.sampleTouch()) {
                cache.asMap().get(key); // keeps the block's frequency and recency in the policy
            }
            return block;
        }
        Entry e = cache.get(key, k -> new Entry(loader.get(), resident, index));
        if (e.owner() != resident) { // cached for another instance of the table: only its slot gets cleared
            return e.block();
        }
        resident.publish(index, e.block());
        if (cache.asMap().get(key) != e) { // evicted before the slot was set: do not pin it
            resident.clear(index, e.block());
        }
        return e.block();
    }

    /** Drops every block of a deleted table (they would age out anyway; this frees memory sooner). */
    void evictTable(long fileNumber) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> (k >>> 40) == fileNumber);
        }
    }

    /** Blocks held, after applying pending maintenance. */
    long blockCount() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public CacheStats stats() {
        if (cache == null) {
            return CacheStats.empty();
        }
        CacheStats s = cache.stats();
        return CacheStats.of(
                s.hitCount() + residentHits.sum(),
                s.missCount(),
                s.loadSuccessCount(),
                s.loadFailureCount(),
                s.totalLoadTime(),
                s.evictionCount(),
                s.evictionWeight());
    }

    /** Bytes held, after applying pending maintenance so the figure is current. */
    public long weightedSize() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
