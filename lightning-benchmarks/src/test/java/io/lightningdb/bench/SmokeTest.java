package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every store through every workload on a few thousand keys, each in its own JVM, so the
 * harness cannot rot. Figures are not checked (benchmarks are not tests), only that each store ran
 * and read back what it wrote. A store whose native library does not load on this machine is
 * skipped with its reason printed; any other failure, and Lightning being unavailable, fail the
 * build.
 */
class SmokeTest {
    private static final List<String> WORKLOADS = List.of(
            "fillseq",
            "fillrandom",
            Report.SIZE,
            "overwrite",
            "readrandom-1t",
            "readrandom-2t",
            "readmissing",
            "readseq",
            "seekrandom",
            "readwhilewriting",
            "mixed-80r20w",
            "fillbatch",
            "fillsync-1t",
            "fillsync-4t",
            "fillsync-16t");

    @Test
    void everyStoreRunsEveryWorkload(@TempDir Path out) throws Exception {
        Settings settings = Settings.defaults().with(2_000, 100, 2).withWarmup(500);
        List<String> jvm = List.of(
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

        Outcome outcome = Compare.run(Stores.ALL, settings, out, jvm, false, 5);

        outcome.unavailable().forEach((store, why) -> System.out.println("SKIPPED " + store + ": " + why));
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.unavailable()).doesNotContainKey(LightningStore.KIND.name());
        for (StoreKind kind : Stores.ALL) {
            if (!outcome.unavailable().containsKey(kind.name())) {
                assertThat(outcome.results().stream()
                                .filter(r -> r.store().equals(kind.name()))
                                .map(Result::workload))
                        .as(kind.name())
                        .containsExactlyElementsOf(WORKLOADS);
            }
        }
        assertThat(out.resolve("results.md"))
                .content()
                .contains("| fillsync-4t |")
                .contains("untimed on 500 keys");
        assertThat(Files.size(out.resolve("ops-per-sec.png"))).isPositive();
    }
}
