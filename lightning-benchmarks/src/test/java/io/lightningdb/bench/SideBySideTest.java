package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.bench.SideBySide.Side;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideTest {

    @Test
    void pairsAlternateWhichEngineRunsFirst() {
        assertThat(SideBySide.order(0)).containsExactly(Side.BASELINE, Side.CANDIDATE);
        assertThat(SideBySide.order(1)).containsExactly(Side.CANDIDATE, Side.BASELINE);
        assertThat(SideBySide.order(2)).containsExactly(Side.BASELINE, Side.CANDIDATE);
    }

    @Test
    void tableGivesEachSidesMedianTheRatioAndThePairsTheCandidateWon() {
        List<List<Result>> baseline = List.of(run(100, 1000), run(200, 1000), run(300, 1000));
        List<List<Result>> candidate = List.of(run(150, 900), run(150, 1100), run(350, 900));

        String table = SideBySide.markdown(baseline, candidate);

        assertThat(table)
                .contains("| fillseq | 200 | 150 | 0.75x | 2/3 |") // ahead in the first and last pair
                .contains("| " + Report.SIZE + " | 1,000 | 900 | 0.90x | 2/3 |"); // fewer bytes is ahead
    }

    @Test
    void childClassPathStartsWithTheGivenEngineAndLeavesOutItsOwn() throws Exception {
        Path own = Path.of(LightningDb.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path given = Path.of("elsewhere", "lightning-engine.jar");

        List<String> entries = List.of(SideBySide.classPath(given).split(File.pathSeparator));

        assertThat(entries.get(0)).isEqualTo(given.toAbsolutePath().toString());
        assertThat(entries.stream().map(e -> Path.of(e).toAbsolutePath().normalize()))
                .doesNotContain(own.toAbsolutePath().normalize());
    }

    /** One pair on a few thousand keys, this build's engine on both sides, so the runner cannot rot. */
    @Test
    void runsEveryWorkloadWithEachEngine(@TempDir Path out) throws Exception {
        Path engine = Path.of(LightningDb.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Settings settings = Settings.defaults().with(2_000, 100, 2).withWarmup(0);

        Map<Side, List<List<Result>>> runs = SideBySide.run(
                Map.of(Side.BASELINE, engine, Side.CANDIDATE, engine),
                1,
                settings,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                out);

        for (Side side : Side.values()) {
            assertThat(runs.get(side)).hasSize(1);
            assertThat(runs.get(side).get(0).stream().map(Result::workload))
                    .as(side.name())
                    .contains("fillseq", "readseq", "seekrandom", "mixed-80r20w", "fillsync-16t", Report.SIZE);
        }
        assertThat(out.resolve("pair-1").resolve("candidate").resolve("lightning.csv"))
                .exists();
    }

    private static List<Result> run(double fillseqPerSecond, long sizeBytes) {
        return List.of(
                new Result("lightning", "fillseq", (long) fillseqPerSecond, 1.0, 0, 0, 0, 0),
                new Result("lightning", Report.SIZE, 0, 0, 0, 0, 0, sizeBytes));
    }
}
