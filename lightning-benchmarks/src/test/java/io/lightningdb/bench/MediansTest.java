package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {

    private static Result rate(String store, String workload, long ops, double p50) {
        return new Result(store, workload, ops, 1.0, p50, 0, 0, 0);
    }

    private static Result size(String store, long bytes) {
        return new Result(store, Report.SIZE, 0, 0, 0, 0, 0, bytes);
    }

    @Test
    void picksEachCellsMedianRoundWholeAndKeepsTheFirstRoundsOrder() {
        List<Result> first = List.of(rate("a", "fillseq", 300, 1.0), rate("b", "fillseq", 50, 9.0), size("a", 70));
        List<Result> second = List.of(rate("a", "fillseq", 100, 2.0), rate("b", "fillseq", 40, 8.0), size("a", 90));
        List<Result> third = List.of(rate("a", "fillseq", 200, 3.0), rate("b", "fillseq", 60, 7.0), size("a", 80));

        List<Result> medians = Medians.of(List.of(first, second, third));

        assertThat(medians).containsExactly(rate("a", "fillseq", 200, 3.0), first.get(1), size("a", 80));
    }

    @Test
    void evenRoundsTakeTheLowerMiddleAndMissingCellsUseWhatThereIs() {
        List<Result> first = List.of(rate("a", "fillseq", 100, 1.0), rate("a", "readseq", 500, 1.0));
        List<Result> second = List.of(rate("a", "fillseq", 300, 2.0)); // readseq failed in this round

        assertThat(Medians.of(List.of(first, second)))
                .containsExactly(rate("a", "fillseq", 100, 1.0), rate("a", "readseq", 500, 1.0));
    }

    @Test
    void oneRoundIsReportedAsItIs() {
        List<Result> only = List.of(rate("a", "fillseq", 100, 1.0), size("a", 5));
        assertThat(Medians.of(List.of(only))).isEqualTo(only);
    }
}
