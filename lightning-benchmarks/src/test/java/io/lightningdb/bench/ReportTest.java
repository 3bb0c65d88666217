package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final List<StoreKind> STORES = List.of(LightningStore.KIND, LevelDbStore.KIND, JeStore.KIND);

    private static Result rate(String store, long opsPerSecond) {
        return new Result(store, "readseq", opsPerSecond, 1.0, 0, 0, 0, 0);
    }

    private static String markdown(List<List<Result>> rounds) {
        List<Result> figures = rounds.size() == 1 ? rounds.get(0) : Medians.of(rounds);
        Outcome outcome = new Outcome(figures, Map.of(), Map.of());
        return new Report(Settings.defaults(), STORES, outcome, List.of("-Xmx1g"), rounds).markdown();
    }

    /**
     * Medians taken store by store can pair a slow round of one store with a fast round of another:
     * here each store's median is 200 or 100 and the ratio of medians is 1.00x, while Lightning was
     * behind the best peer in two of the three rounds. The row gives both.
     */
    @Test
    void theRatioToTheBestPeerIsAlsoGivenRoundByRound() {
        List<Result> first = List.of(rate("lightning", 100), rate("leveldb", 200), rate("je", 50));
        List<Result> second = List.of(rate("lightning", 300), rate("leveldb", 100), rate("je", 150));
        List<Result> third = List.of(rate("lightning", 200), rate("leveldb", 400), rate("je", 100));

        assertThat(markdown(List.of(first, second, third)))
                .contains("| readseq | 200 | 200 | 100 | 1.00x (leveldb); by round 0.50x / 2.00x / 0.50x |")
                .contains("each ratio to the best peer is also given round by round");
    }

    @Test
    void aRoundWithoutLightningsFigureShowsADash() {
        List<Result> first = List.of(rate("lightning", 100), rate("leveldb", 200), rate("je", 50));
        List<Result> second = List.of(rate("leveldb", 100), rate("je", 150)); // Lightning failed this round

        assertThat(markdown(List.of(first, second)))
                .contains("| readseq | 100 | 100 | 50 | 1.00x (leveldb); by round 0.50x / – |");
    }

    @Test
    void oneRoundHasOnlyItsRatio() {
        String md = markdown(List.of(List.of(rate("lightning", 100), rate("leveldb", 200), rate("je", 50))));

        assertThat(md)
                .contains("| readseq | 100 | 200 | 50 | 0.50x (leveldb) |")
                .doesNotContain("by round");
    }
}
