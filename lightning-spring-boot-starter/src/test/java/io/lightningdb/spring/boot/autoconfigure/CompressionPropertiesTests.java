package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.Compression;
import io.lightningdb.DbStats;
import io.lightningdb.LightningDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionPropertiesTests {
    @TempDir
    Path dir;

    @Test
    void defaultMatchesTheEngineAndStoresBlocksRaw() {
        LightningRunners.core(dir).run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            assertThat(db.config().compression()).isEqualTo(Compression.NONE);
            DbStats stats = writeAndFlush(db);
            assertThat(stats.compressionInputBytes()).isPositive();
            assertThat(stats.compressionRatio()).isEqualTo(1.0);
        });
    }

    @Test
    void typeReachesTheEngineAndCompressesTables() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.compression.type=lz4")
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().compression()).isEqualTo(Compression.LZ4);
                    assertThat(writeAndFlush(db).compressionRatio()).isGreaterThan(1.5);
                });
    }

    @Test
    void everyCodecBindsInLowerCase() {
        for (Compression c : Compression.values()) {
            LightningRunners.core(dir.resolve(c.name()))
                    .withPropertyValues(
                            "lightning.db.compression.type=" + c.name().toLowerCase())
                    .run(context -> assertThat(
                                    context.getBean(LightningDb.class).config().compression())
                            .isEqualTo(c));
        }
    }

    @Test
    void zstdLevelReachesTheEngine() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.compression.type=zstd", "lightning.db.compression.zstd-level=9")
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().zstdLevel()).isEqualTo(9);
                    assertThat(writeAndFlush(db).compressionRatio()).isGreaterThan(1.5);
                });
    }

    @Test
    void anInvalidZstdLevelFailsStartupNamingTheProperty() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.compression.zstd-level=42")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("lightning.db.compression.zstd-level")
                        .hasStackTraceContaining("between 1 and 22"));
    }

    /** Values whose second half repeats the first, as in the benchmark: LZ4 roughly halves them. */
    private static DbStats writeAndFlush(LightningDb db) {
        String half = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
        for (int i = 0; i < 2000; i++) {
            db.put("key-%06d".formatted(i), i + half + half);
        }
        db.flush();
        return db.stats();
    }
}
