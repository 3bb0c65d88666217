package io.lightningdb.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A grouped bar chart of entries per second, one group per workload, one bar per store. */
final class Chart {
    /** A log axis cannot show 0: a workload a store did not run is drawn at this height. */
    private static final double MISSING = 1.0;

    private Chart() {}

    static void write(List<Result> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, Map<String, Double>> byStore = new LinkedHashMap<>();
        List<String> workloads = new ArrayList<>();
        for (Result r : results) {
            if (r.workload().equals(Report.SIZE)) {
                continue;
            }
            if (!workloads.contains(r.workload())) {
                workloads.add(r.workload());
            }
            byStore.computeIfAbsent(r.store(), s -> new LinkedHashMap<>()).put(r.workload(), r.opsPerSecond());
        }
        if (byStore.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(1600)
                .height(700)
                .title("Entries per second by workload (log scale, higher is better)")
                .xAxisTitle("workload")
                .yAxisTitle("entries/s")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setOverlapped(false);
        byStore.forEach((store, values) -> chart.addSeries(
                store,
                workloads,
                workloads.stream()
                        .map(w -> (Number) Math.max(MISSING, values.getOrDefault(w, MISSING)))
                        .toList()));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
