package io.lightningdb.bench;

import io.lightningdb.LightningDb;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Measures what a change to the engine did: every workload on Lightning alone, with a baseline
 * engine and a candidate engine (jars or class directories), in pairs of fresh JVMs whose order
 * alternates (baseline first, then candidate first, and so on); then, per workload, each side's
 * median, the candidate's ratio to the baseline and in how many pairs it came out ahead.
 *
 * <pre>
 * java -cp lightning-benchmarks/target/lightning-benchmarks.jar io.lightningdb.bench.SideBySide \
 *      --baseline OLD-ENGINE.jar --candidate NEW-ENGINE.jar [--pairs 6] [--keys 300000]
 *      [--sync-ops N] [--max-seconds S] [--warmup-keys N] [--jvm "FLAGS"] [--out side-by-side]
 * </pre>
 *
 * <p>The order alternates because it matters on the project's machine: with the baseline always
 * run first, the second run of a pair came out slower even on workloads a change could not touch
 * ({@code readwhilewriting} 0.81x in three batches of four to five pairs, measuring changes to the
 * fsynced log and to writers that wait behind a leader), while the same change in alternating
 * order measured 1.27x, ahead in five pairs of six. Before each run the runner also syncs the file
 * system and pauses, so the previous run's writes are on disk. Each side's engine goes first on
 * the child's class path: the harness's own engine comes after it, so every class the given engine
 * has is loaded from it.
 */
public final class SideBySide {
    private static final long PAUSE_MILLIS = 3_000;
    private static final long TIMEOUT_MINUTES = 60;

    /** The two engines measured. */
    enum Side {
        BASELINE,
        CANDIDATE
    }

    private SideBySide() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Compare.options(args);
        Map<Side, Path> engines = Map.of(
                Side.BASELINE, Path.of(required(opts, "baseline")),
                Side.CANDIDATE, Path.of(required(opts, "candidate")));
        int pairs = Integer.parseInt(opts.getOrDefault("pairs", "6"));
        Path out = Path.of(opts.getOrDefault("out", "side-by-side"));
        Map<Side, List<List<Result>>> runs = run(engines, pairs, Compare.settings(opts), Compare.jvm(opts), out);
        String table = markdown(runs.get(Side.BASELINE), runs.get(Side.CANDIDATE));
        Files.writeString(out.resolve("side-by-side.md"), table);
        System.out.println(table);
    }

    /**
     * Runs {@code pairs} pairs, each side's results in its own directory under {@code out}; returns
     * each side's results, run by run in pair order.
     */
    static Map<Side, List<List<Result>>> run(
            Map<Side, Path> engines, int pairs, Settings settings, List<String> jvm, Path out)
            throws IOException, InterruptedException {
        if (pairs < 1) {
            throw new IllegalArgumentException("--pairs must be at least 1, not " + pairs);
        }
        Map<Side, List<List<Result>>> runs = new LinkedHashMap<>();
        for (int pair = 0; pair < pairs; pair++) {
            for (Side side : order(pair)) {
                Path dir = out.resolve("pair-" + (pair + 1)).resolve(side.name().toLowerCase(Locale.ROOT));
                System.out.println("pair " + (pair + 1) + " of " + pairs + ": "
                        + side.name().toLowerCase(Locale.ROOT));
                runs.computeIfAbsent(side, s -> new ArrayList<>()).add(runOnce(engines.get(side), settings, jvm, dir));
            }
        }
        return runs;
    }

    /** Baseline first in even pairs (counting from 0), candidate first in odd ones. */
    static List<Side> order(int pair) {
        return pair % 2 == 0 ? List.of(Side.BASELINE, Side.CANDIDATE) : List.of(Side.CANDIDATE, Side.BASELINE);
    }

    private static List<Result> runOnce(Path engine, Settings settings, List<String> jvm, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("lightning.csv");
        Path log = dir.resolve("lightning.log");
        settle();
        List<String> cmd =
                StoreMain.command(jvm, classPath(engine), LightningStore.KIND, dir.resolve("data"), csv, settings);
        OptionalInt exit = StoreMain.run(cmd, log, TIMEOUT_MINUTES);
        if (exit.isEmpty()) {
            throw new IllegalStateException("run with " + engine + " timed out; see " + log);
        }
        if (exit.getAsInt() != 0 || !Files.exists(csv)) {
            throw new IllegalStateException(
                    "run with " + engine + " failed (exit " + exit.getAsInt() + "); see " + log);
        }
        return Files.readAllLines(csv).stream().map(Result::fromCsv).toList();
    }

    /** Lets the previous run's writes reach the disk before the next run starts. */
    private static void settle() throws InterruptedException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // no sync command (Windows): the pause alone
        }
        Thread.sleep(PAUSE_MILLIS);
    }

    /** {@code engine}, then this JVM's class path without its own engine. */
    static String classPath(Path engine) {
        Path own = ownEngine();
        List<String> entries = new ArrayList<>(List.of(engine.toAbsolutePath().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().normalize().equals(own)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path ownEngine() {
        try {
            return Path.of(LightningDb.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One row per workload: each side's median over its runs (entries per second; bytes for the
     * size), the candidate's median over the baseline's, and in how many pairs the candidate was
     * ahead (more entries per second; fewer bytes).
     */
    static String markdown(List<List<Result>> baseline, List<List<Result>> candidate) {
        StringBuilder md = new StringBuilder()
                .append("| workload | baseline | candidate | candidate ÷ baseline | pairs ahead |\n")
                .append("|---|---|---|---|---|\n");
        Map<String, Double> baseMedians = medians(baseline);
        Map<String, Double> candMedians = medians(candidate);
        for (String workload : workloads(baseline)) {
            List<Double> base = figures(baseline, workload);
            List<Double> cand = figures(candidate, workload);
            int pairs = Math.min(base.size(), cand.size());
            boolean smallerIsBetter = Report.SIZE.equals(workload);
            int ahead = 0;
            for (int i = 0; i < pairs; i++) {
                double b = base.get(i);
                double c = cand.get(i);
                if (smallerIsBetter ? c < b : c > b) {
                    ahead++;
                }
            }
            double baseMedian = baseMedians.getOrDefault(workload, Double.NaN);
            double candMedian = candMedians.getOrDefault(workload, Double.NaN);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %,.0f | %.2fx | %d/%d |%n",
                    workload,
                    baseMedian,
                    candMedian,
                    baseMedian > 0 ? candMedian / baseMedian : 0,
                    ahead,
                    pairs));
        }
        return md.toString();
    }

    private static List<String> workloads(List<List<Result>> runs) {
        return runs.stream()
                .flatMap(List::stream)
                .map(Result::workload)
                .distinct()
                .toList();
    }

    /** The workload's figure in each run, in run order (NaN where a run lacks it). */
    private static List<Double> figures(List<List<Result>> runs, String workload) {
        List<Double> figures = new ArrayList<>();
        for (List<Result> run : runs) {
            figures.add(run.stream()
                    .filter(r -> r.workload().equals(workload))
                    .mapToDouble(Medians::figure)
                    .findFirst()
                    .orElse(Double.NaN));
        }
        return figures;
    }

    /** Each workload's median over the runs that have it ({@link Medians}: the lower middle one of an even count). */
    private static Map<String, Double> medians(List<List<Result>> runs) {
        return Medians.of(runs).stream().collect(Collectors.toMap(Result::workload, Medians::figure));
    }

    private static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null || value.equals("true")) {
            throw new IllegalArgumentException("--" + name + " PATH is required (an engine jar or class directory)");
        }
        return value;
    }
}
