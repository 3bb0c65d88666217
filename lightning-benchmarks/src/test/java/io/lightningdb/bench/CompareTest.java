package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path out;

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedBeforeItTouchesAnything() throws Exception {
        try (FileChannel first = Compare.lockOutput(out)) {
            assertThatThrownBy(() ->
                            Compare.run(List.of(LightningStore.KIND), Settings.defaults(), out, List.of(), false, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another comparison is running with --out " + out);

            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".lock");
            }
        }
    }

    @Test
    void theDirectoryIsFreeAgainOnceARunEnds() throws Exception {
        Compare.lockOutput(out).close();

        try (FileChannel again = Compare.lockOutput(out)) {
            assertThat(again.isOpen()).isTrue();
        }
    }
}
