package io.lightningdb.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines repeated rounds of a comparison: for each store and workload, the round with the median
 * figure (entries per second; bytes for the size measurement), whole, so its latencies stay the
 * ones measured with it. With an even number of rounds, the lower of the two middle ones.
 */
final class Medians {
    private Medians() {}

    /** One result per store and workload, in the order they first appear. */
    static List<Result> of(List<List<Result>> rounds) {
        Map<String, List<Result>> byCell = new LinkedHashMap<>();
        for (List<Result> round : rounds) {
            for (Result r : round) {
                byCell.computeIfAbsent(r.store() + '\n' + r.workload(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Result> medians = new ArrayList<>(byCell.size());
        for (List<Result> cell : byCell.values()) {
            cell.sort(Comparator.comparingDouble(Medians::figure));
            medians.add(cell.get((cell.size() - 1) / 2));
        }
        return medians;
    }

    /** The figure rounds are ranked by: entries per second, or bytes for the size measurement. */
    static double figure(Result r) {
        return Report.SIZE.equals(r.workload()) ? r.bytes() : r.opsPerSecond();
    }
}
