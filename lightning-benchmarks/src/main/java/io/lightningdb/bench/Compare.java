package io.lightningdb.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Runs the comparison: each store in a child JVM of its own with the same flags, then writes {@code
 * results.csv}, {@code results.md} and {@code ops-per-sec.png} into the output directory.
 *
 * <pre>
 * java -jar lightning-benchmarks/target/lightning-benchmarks.jar [--keys N] [--sync-ops N]
 *      [--max-seconds S] [--warmup-keys N] [--rounds N]
 *      [--stores lightning,rocksdb,...] [--out DIR] [--jvm "-Xmx4g ..."] [--profile] [--timeout-minutes M]
 * </pre>
 *
 * {@code --profile} records a JFR file per store ({@code DIR/STORE.jfr}); summarise it with {@link
 * HotMethods}. {@code --rounds N} runs every store N times, round by round (each round's files in
 * {@code DIR/round-K}), and reports each figure's median round: on a noisy machine one run of a
 * store can differ from the next by a quarter or more.
 */
public final class Compare {
    /**
     * Flags of every child JVM; the opens are what lmdbjava needs on Java 17 and later. The heap is
     * touched at start ({@code AlwaysPreTouch}): otherwise each workload's first pass through a
     * fresh 4 GiB heap takes a page fault per 4 KiB it allocates, and a workload of under a second
     * measures those faults more than the store (a scan of Lightning's memtable was 3x slower here
     * from that alone: about 50,000 faults per pass).
     */
    static final String DEFAULT_JVM = "-Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:+UseG1GC"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

    private Compare() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Settings settings = settings(opts);
        List<StoreKind> stores = opts.containsKey("stores")
                ? Arrays.stream(opts.get("stores").split(","))
                        .map(Stores::named)
                        .toList()
                : Stores.ALL;
        Path out = Path.of(opts.getOrDefault("out", "bench-results"));
        List<String> jvm = jvm(opts);
        long timeout = Long.parseLong(opts.getOrDefault("timeout-minutes", "60"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        Outcome outcome = run(stores, settings, out, jvm, opts.containsKey("profile"), timeout, rounds);
        System.out.println(Files.readString(out.resolve("results.md")));
        System.exit(outcome.failed().isEmpty() ? 0 : 1);
    }

    /** The workloads' settings from {@code --keys}, {@code --sync-ops}, {@code --max-seconds} and {@code --warmup-keys}. */
    static Settings settings(Map<String, String> opts) {
        Settings d = Settings.defaults();
        Settings sized = d.with(
                Long.parseLong(opts.getOrDefault("keys", Long.toString(d.keys()))),
                Long.parseLong(opts.getOrDefault("sync-ops", Long.toString(d.syncOps()))),
                Double.parseDouble(opts.getOrDefault("max-seconds", Double.toString(d.maxSeconds()))));
        return opts.containsKey("warmup-keys")
                ? sized.withWarmup(Long.parseLong(opts.get("warmup-keys")))
                : sized; // default: a warm-up as long as the measured pass
    }

    /** The child JVMs' flags: {@code --jvm}, or {@link #DEFAULT_JVM}. */
    static List<String> jvm(Map<String, String> opts) {
        return new ArrayList<>(List.of(opts.getOrDefault("jvm", DEFAULT_JVM).split("\\s+")));
    }

    /** Runs {@code stores} one after another and writes the reports into {@code out}. */
    public static Outcome run(
            List<StoreKind> stores, Settings settings, Path out, List<String> jvm, boolean profile, long timeoutMinutes)
            throws Exception {
        return run(stores, settings, out, jvm, profile, timeoutMinutes, 1);
    }

    /**
     * Runs {@code stores} one after another, {@code rounds} times over (round by round, so a slow
     * spell of the machine hits every store alike), and writes the reports of the median rounds into
     * {@code out}; a store that fails or is unavailable in any round is reported so.
     */
    public static Outcome run(
            List<StoreKind> stores,
            Settings settings,
            Path out,
            List<String> jvm,
            boolean profile,
            long timeoutMinutes,
            int rounds)
            throws Exception {
        Files.createDirectories(out);
        try (FileChannel lock = lockOutput(out)) {
            List<List<Result>> perRound = new ArrayList<>();
            Map<String, String> unavailable = new LinkedHashMap<>();
            Map<String, String> failed = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                Path roundOut = rounds == 1 ? out : out.resolve("round-" + round);
                Files.createDirectories(roundOut);
                List<Result> results = new ArrayList<>();
                for (StoreKind kind : stores) {
                    if (rounds > 1) {
                        System.out.print("round " + round + " of " + rounds + ": ");
                    }
                    runStore(kind, settings, roundOut, jvm, profile, timeoutMinutes, results, unavailable, failed);
                }
                if (rounds > 1) {
                    writeCsv(results, roundOut.resolve("results.csv"));
                }
                perRound.add(results);
            }
            List<Result> results = rounds == 1 ? perRound.get(0) : Medians.of(perRound);
            Outcome outcome = new Outcome(results, unavailable, failed);
            writeCsv(results, out.resolve("results.csv"));
            Files.writeString(
                    out.resolve("results.md"), new Report(settings, stores, outcome, jvm, perRound).markdown());
            Chart.write(results, out.resolve("ops-per-sec.png"));
            return outcome;
        }
    }

    /**
     * Locks {@code out} for this run until the returned channel is closed: two runs writing into one
     * directory delete each other's stores' files mid-workload, and their figures share the cores.
     *
     * @throws IllegalStateException if another run, in this process or another, holds the lock
     */
    static FileChannel lockOutput(Path out) throws IOException {
        FileChannel channel =
                FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException held) {
            // by this process: the same answer
        }
        channel.close();
        throw new IllegalStateException(
                "Another comparison is running with --out " + out + "; wait for it or give this one another --out");
    }

    private static void runStore(
            StoreKind kind,
            Settings settings,
            Path out,
            List<String> jvm,
            boolean profile,
            long timeoutMinutes,
            List<Result> results,
            Map<String, String> unavailable,
            Map<String, String> failed)
            throws Exception {
        Path csv = out.resolve(kind.name() + ".csv");
        Path log = out.resolve(kind.name() + ".log");
        Files.deleteIfExists(csv);
        System.out.println("running " + kind.name() + " (log: " + log + ")");
        List<String> flags = new ArrayList<>(jvm);
        if (profile) {
            flags.add("-XX:StartFlightRecording=settings=profile,filename=" + out.resolve(kind.name() + ".jfr"));
        }
        List<String> cmd = StoreMain.command(
                flags, System.getProperty("java.class.path"), kind, out.resolve("data-" + kind.name()), csv, settings);
        OptionalInt exit = StoreMain.run(cmd, log, timeoutMinutes);
        String status = "done"; // this run's, while the maps keep a failure of any round
        if (exit.isEmpty()) {
            status = "timed out after " + timeoutMinutes + " minutes";
            failed.put(kind.name(), status);
        } else if (exit.getAsInt() == StoreMain.UNAVAILABLE) {
            status = firstLine(log, "UNAVAILABLE");
            unavailable.put(kind.name(), status);
        } else if (exit.getAsInt() != 0) {
            status = "exit " + exit.getAsInt() + ": " + firstLine(log, "Exception");
            failed.put(kind.name(), status);
        }
        if (Files.exists(csv)) {
            Files.readAllLines(csv).stream().map(Result::fromCsv).forEach(results::add);
        }
        System.out.println(kind.name() + ": " + status);
    }

    private static void writeCsv(List<Result> results, Path csv) throws IOException {
        Files.writeString(
                csv,
                Result.CSV_HEADER + "\n" + results.stream().map(Result::toCsv).collect(Collectors.joining("\n"))
                        + "\n");
    }

    /** The first line of the child's log containing {@code marker}, or its last line. */
    private static String firstLine(Path log, String marker) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.stream()
                .filter(l -> l.contains(marker))
                .findFirst()
                .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
    }

    /** {@code --name value} pairs, and {@code --flag} alone ("true"), in order. */
    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--") && !name.equals("jvm");
            opts.put(name, flag ? "true" : args[++i]);
        }
        return opts;
    }
}
