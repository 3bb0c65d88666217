package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block cache with each table's resident block references in front of it: hits served from a
 * table's slots count as hits, and a slot never outlives the cache's entry, so the cache's budget
 * bounds the memory blocks take. Reads that skip the bloom filter still answer from the blocks.
 */
class BlockCacheTest {
    private static final Clock EPOCH = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static final int KEYS = 20_000;

    @TempDir
    Path dir;

    @Test
    void repeatedReadsOfOneBlockAreHitsServedByTheTable() throws Exception {
        BlockCache cache = new BlockCache(64L << 20);
        Table table = Table.open(build(), 1, cache);
        for (int i = 0; i < 100; i++) {
            assertThat(table.get(key(7), InternalKey.MAX_SEQUENCE, EPOCH)).isEqualTo(value(7));
        }
        assertThat(cache.stats().missCount()).isEqualTo(1);
        assertThat(cache.stats().hitCount()).isEqualTo(99);
        assertThat(table.residentBlocks()).isEqualTo(1);
        table.close();
    }

    @Test
    void residentBlocksNeverExceedWhatTheCacheHolds() throws Exception {
        BlockCache cache = new BlockCache(64 << 10); // about a dozen 4 KiB blocks of a table of hundreds
        Table table = Table.open(build(), 1, cache);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            int k = random.nextInt(KEYS);
            assertThat(table.get(key(k), InternalKey.MAX_SEQUENCE, EPOCH)).isEqualTo(value(k));
        }
        long held = cache.blockCount();
        assertThat(held).isPositive().isLessThan(30);
        assertThat(table.residentBlocks()).isPositive().isLessThanOrEqualTo((int) held);
        assertThat(cache.stats().hitCount() + cache.stats().missCount()).isEqualTo(50_000);
        table.close();
    }

    @Test
    void withoutACacheNothingStaysResident() throws Exception {
        BlockCache cache = new BlockCache(0);
        Table table = Table.open(build(), 1, cache);
        for (int i = 0; i < 100; i++) {
            assertThat(table.get(key(i), InternalKey.MAX_SEQUENCE, EPOCH)).isEqualTo(value(i));
        }
        assertThat(table.residentBlocks()).isZero();
        table.close();
    }

    @Test
    void onceReadsSkipTheFilterAbsentKeysAreAnsweredFromTheBlocks() throws Exception {
        BlockCache cache = new BlockCache(64L << 20);
        Table table = Table.open(build(), 1, cache);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200_000 && !table.filterSkipped(); i++) {
            int k = random.nextInt(KEYS);
            assertThat(table.get(key(k), InternalKey.MAX_SEQUENCE, EPOCH)).isEqualTo(value(k));
        }
        assertThat(table.filterSkipped()).isTrue();
        long blockReads = cache.stats().requestCount();
        for (int i = 0; i < 20; i++) { // inside the table's range, never written
            byte[] absent = (new String(key(random.nextInt(KEYS)), StandardCharsets.UTF_8) + "x")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(table.get(absent, InternalKey.MAX_SEQUENCE, EPOCH)).isNull();
        }
        assertThat(cache.stats().requestCount()).isGreaterThan(blockReads); // some went past the filter
        table.close();
    }

    private Path build() throws Exception {
        Path file = dir.resolve("000001.sst");
        try (TableBuilder builder = new TableBuilder(WriteChannelFactory.DEFAULT, file, 4096, 10)) {
            for (int i = 0; i < KEYS; i++) {
                builder.add(InternalKey.encode(key(i), i + 1, ValueType.VALUE), value(i));
            }
            builder.finish();
        }
        return file;
    }

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-".repeat(40)).getBytes(StandardCharsets.UTF_8);
    }
}
