package io.lightningdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A grouped bar chart (PNG) of entries per second, one group per workload, one bar per store. */
public final class Chart {
    /** A log axis cannot show 0: a workload a store did not run is drawn at this height. */
    private static final double MISSING = 1.0;

    private Chart() {}

    /** Redraws the chart from a {@code results.csv}: {@code Chart RESULTS.csv OUT.png}. */
    public static void main(String[] args) throws IOException {
        List<Result> results = Files.readAllLines(Path.of(args[0])).stream()
                .skip(1)
                .map(Result::fromCsv)
                .toList();
        write(results, Path.of(args[1]));
    }

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
        // Bars start at the axis minimum; left unset, XChart takes 0, which a log axis rejects.
        chart.getStyler().setYAxisMin(MISSING);
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
