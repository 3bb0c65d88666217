package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.CorruptionException;
import io.lightningdb.LightningDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartupFailureAnalyzersTests {
    @TempDir
    Path dir;

    @Test
    void aLockedDirectoryIsExplained() {
        try (LightningDb holder = LightningDb.open(dir)) {
            LightningRunners.core(dir).run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new DatabaseLockedFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains(dir.toString()).contains("locked");
                assertThat(analysis.getAction()).contains("lightning.db.path");
            });
        }
    }

    @Test
    void corruptionIsExplainedWithFileAndOffset() {
        var failure = new IllegalStateException(
                "wrapped", new CorruptionException(dir.resolve("000007.sst"), 4096, "bad block checksum"));
        FailureAnalysis analysis = new CorruptionFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("000007.sst").contains("4096");
        assertThat(analysis.getAction()).contains("backup");
    }
}
