package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Every compression setting round-trips through the engine, and settings can change between opens. */
class CompressionTest {
    @TempDir
    Path dir;

    private static LightningConfig config(Compression compression) {
        return LightningConfig.builder()
                .compression(compression)
                .writeBufferSize(64 * 1024)
                .walSyncMode(WalSyncMode.NORMAL)
                .backgroundCompaction(false)
                .build();
    }

    /**
     * The benchmark's values: 100 bytes, the first half random and the second half repeating the
     * first ten bytes, so a block compresses to about half.
     */
    static byte[] halfCompressible(SplittableRandom rnd, int size) {
        byte[] v = new byte[size];
        int randomPart = (size + 1) / 2;
        for (int i = 0; i < randomPart; i++) {
            v[i] = (byte) rnd.nextInt(256);
        }
        for (int i = randomPart; i < size; i++) {
            v[i] = v[i % Math.min(randomPart, 10)];
        }
        return v;
    }

    private static byte[] key(int i) {
        return String.format(Locale.ROOT, "%016d", i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<Integer, byte[]> write(LightningDb db, int from, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<Integer, byte[]> written = new LinkedHashMap<>();
        WriteBatch batch = WriteBatch.create();
        for (int i = from; i < from + count; i++) {
            byte[] v = halfCompressible(rnd, 100);
            batch.put(key(i), v);
            written.put(i, v);
            if (batch.ops().size() == 100) {
                db.write(batch);
                batch = WriteBatch.create();
            }
        }
        db.write(batch);
        return written;
    }

    private static void assertContains(LightningDb db, Map<Integer, byte[]> expected) {
        for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
            assertThat(db.get(key(e.getKey()))).as("key %d", e.getKey()).isEqualTo(e.getValue());
        }
        int count = 0;
        try (KvIterator it = db.scan(KeyRange.all())) {
            while (it.next()) {
                count++;
            }
        }
        assertThat(count).isEqualTo(expected.size());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripThroughTablesAndCompaction(Compression compression) {
        Map<Integer, byte[]> data;
        try (LightningDb db = LightningDb.open(dir, config(compression))) {
            data = write(db, 0, 5000, 1);
            db.flush();
            assertContains(db, data);
            db.compact();
            assertContains(db, data);
        }
        try (LightningDb db = LightningDb.open(dir, config(compression))) {
            assertContains(db, data);
        }
    }

    @Test
    void mixedCodecDatabaseStaysReadableAcrossSettingChangesAndCompaction() {
        Map<Integer, byte[]> data = new LinkedHashMap<>();
        Compression[] sequence = {
            Compression.LZ4, Compression.ZSTD, Compression.SNAPPY, Compression.NONE, Compression.ADAPTIVE
        };
        for (int round = 0; round < sequence.length; round++) {
            try (LightningDb db = LightningDb.open(dir, config(sequence[round]))) {
                assertContains(db, data);
                data.putAll(write(db, round * 1000, 1000, round));
                db.flush();
                assertContains(db, data);
            }
        }
        // Tables written under five settings, compacted under a sixth.
        try (LightningDb db = LightningDb.open(dir, config(Compression.ZSTD))) {
            assertThat(db.stats().totalFiles()).isGreaterThanOrEqualTo(sequence.length);
            db.compact();
            assertContains(db, data);
            assertThat(db.stats().compressionRatio()).isGreaterThan(1.5);
        }
        try (LightningDb db = LightningDb.open(dir, config(Compression.NONE))) {
            assertContains(db, data);
        }
    }

    @Test
    void ratioOfTheBenchmarkValuesPerCodec() {
        Map<Compression, Double> ratios = new LinkedHashMap<>();
        for (Compression c : Compression.values()) {
            Path db = dir.resolve(c.name());
            try (LightningDb lightning = LightningDb.open(db, config(c))) {
                write(lightning, 0, 20_000, 42);
                lightning.flush();
                DbStats stats = lightning.stats();
                ratios.put(c, stats.compressionRatio());
                LoggerFactory.getLogger(CompressionTest.class)
                        .info(
                                "{}: {} raw block bytes -> {} stored, ratio {}",
                                c,
                                stats.compressionInputBytes(),
                                stats.compressionOutputBytes(),
                                String.format(Locale.ROOT, "%.2f", stats.compressionRatio()));
            }
        }
        assertThat(ratios.get(Compression.NONE)).isEqualTo(1.0);
        for (Compression c :
                Arrays.asList(Compression.LZ4, Compression.SNAPPY, Compression.ZSTD, Compression.ADAPTIVE)) {
            // Half of each value is random and the 16-byte keys share prefixes: roughly 1.6-2x.
            assertThat(ratios.get(c)).as("ratio of %s", c).isBetween(1.4, 2.5);
        }
        assertThat(ratios.get(Compression.ADAPTIVE)).isEqualTo(ratios.get(Compression.LZ4));
    }
}
