package io.lightningdb.internal.sstable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.function.Function;

/**
 * Byte-weighted cache of parsed data blocks shared by all tables, W-TinyLFU through Caffeine. A
 * zero capacity disables caching (every read goes to the file).
 */
public final class BlockCache {
    private static final int ENTRY_OVERHEAD = 96;

    private final Cache<Long, Block> cache;

    public BlockCache(long capacityBytes) {
        this.cache = capacityBytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(capacityBytes)
                        .weigher((Long k, Block b) -> b.sizeInBytes() + ENTRY_OVERHEAD)
                        .recordStats()
                        .executor(Runnable::run) // evict on the calling thread: no pool hop per read
                        .build();
    }

    /** Cache key of the block at {@code offset} of table {@code fileNumber}. */
    static long key(long fileNumber, long offset) {
        return (fileNumber << 40) | offset;
    }

    Block get(long key, Function<Long, Block> loader) {
        return cache == null ? loader.apply(key) : cache.get(key, loader);
    }

    /** Drops every block of a deleted table (they would age out anyway; this frees memory sooner). */
    void evictTable(long fileNumber) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> (k >>> 40) == fileNumber);
        }
    }

    public CacheStats stats() {
        return cache == null ? CacheStats.empty() : cache.stats();
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
