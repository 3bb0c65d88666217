package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Zstandard levels other than the pure-Java codec's 3 go through zstd-jni (on the test class path). */
class ZstdLevelTest {
    @TempDir
    Path dir;

    private static LightningConfig config(int level) {
        return LightningConfig.builder()
                .compression(Compression.ZSTD)
                .zstdLevel(level)
                .writeBufferSize(64 * 1024)
                .walSyncMode(WalSyncMode.NORMAL)
                .backgroundCompaction(false)
                .build();
    }

    private static byte[] key(int i) {
        return String.format(Locale.ROOT, "%016d", i).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes and flushes the benchmark's half-compressible values; returns the stored/raw ratio. */
    private double writeAndMeasure(Path path, int level, int count) {
        try (LightningDb db = LightningDb.open(path, config(level))) {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < count; i++) {
                db.put(key(i), CompressionTest.halfCompressible(rnd, 100));
            }
            db.flush();
            DbStats s = db.stats();
            return (double) s.compressionOutputBytes() / s.compressionInputBytes();
        }
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 3, 9, 19})
    void everyLevelRoundTripsAndStaysReadableWithThePureJavaReader(int level) {
        double ratio = writeAndMeasure(dir, level, 5_000);
        assertThat(ratio).isLessThan(0.75);
        // Reopen with the default level: blocks written at any level are read by the pure-Java codec.
        try (LightningDb db = LightningDb.open(dir, config(3))) {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < 5_000; i++) {
                assertThat(db.get(key(i))).isEqualTo(CompressionTest.halfCompressible(rnd, 100));
            }
            db.compact();
            assertThat(db.get(key(4_999))).hasSize(100);
        }
    }

    @Test
    void higherLevelsCompressAtLeastAsWell() {
        double fast = writeAndMeasure(dir.resolve("fast"), 1, 5_000);
        double small = writeAndMeasure(dir.resolve("small"), 19, 5_000);
        assertThat(small).isLessThanOrEqualTo(fast);
    }

    @Test
    void levelsOutsideTheRangeAreRejected() {
        assertThatThrownBy(() -> LightningConfig.builder().zstdLevel(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zstdLevel");
        assertThatThrownBy(() -> LightningConfig.builder().zstdLevel(23))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zstdLevel");
    }
}
