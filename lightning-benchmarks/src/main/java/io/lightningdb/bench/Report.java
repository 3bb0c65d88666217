package io.lightningdb.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The Markdown report of one comparison: setup, ops/sec per workload and store, latency, size. */
final class Report {
    static final String SIZE = "size-after-fillrandom";
    private static final String LIGHTNING = LightningStore.KIND.name();

    private final Settings settings;
    private final List<StoreKind> stores;
    private final Outcome outcome;
    private final List<String> jvm;
    private final List<List<Result>> perRound;

    /**
     * @param outcome the figures to report: the one round's, or each cell's median round
     * @param perRound every round's results, in order; with more than one, each ratio to the best peer
     *     is also given round by round
     */
    Report(Settings settings, List<StoreKind> stores, Outcome outcome, List<String> jvm, List<List<Result>> perRound) {
        this.settings = settings;
        this.stores = stores;
        this.outcome = outcome;
        this.jvm = jvm;
        this.perRound = perRound;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(setup()).append('\n');
        md.append(throughput()).append('\n');
        md.append(latency("mixed-80r20w")).append('\n');
        md.append(size()).append('\n');
        md.append(durability());
        outcome.unavailable()
                .forEach((s, why) ->
                        md.append("\n**").append(s).append(" unavailable**: ").append(why));
        outcome.failed()
                .forEach((s, why) ->
                        md.append("\n**").append(s).append(" failed**: ").append(why));
        return md.append('\n').toString();
    }

    private String setup() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(
                Locale.ROOT,
                "%,d keys of %d bytes, %d-byte values (about 2:1 compressible), %,d writes per fillsync run, "
                        + "batches of %,d, seed %d. %s%s%n%nMachine: %d cores, %.1f GiB RAM, %s %s (%s). "
                        + "Child JVM flags: `%s`.%n",
                settings.keys(),
                Data.KEY_SIZE,
                settings.valueSize(),
                settings.syncOps(),
                settings.batchSize(),
                settings.seed(),
                settings.warmupKeys() == 0
                        ? "No warm-up."
                        : String.format(
                                Locale.ROOT,
                                "Each store first ran every workload untimed on %,d keys in the same JVM (warm-up).",
                                settings.warmupKeys()),
                perRound.size() == 1
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " Every store ran %d times, round by round; each figure is from the round with the"
                                        + " median entries per second (size: median bytes), latencies from that"
                                        + " same round. A store's median may come from a faster or slower spell"
                                        + " of the machine than its peers', so each ratio to the best peer is"
                                        + " also given round by round, the best peer of each round.",
                                perRound.size()),
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (double) (1L << 30),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                String.join(" ", jvm));
    }

    private String throughput() {
        StringBuilder md = new StringBuilder("Entries per second (higher is better); the last column is"
                + " Lightning's figure divided by the best peer's (above 1: Lightning ahead).\n\n");
        md.append(header("workload", "Lightning ÷ best peer"));
        for (String w : workloads()) {
            md.append("| ").append(w);
            for (StoreKind s : stores) {
                md.append(" | ")
                        .append(find(s.name(), w)
                                .map(r -> String.format(Locale.ROOT, "%,.0f", r.opsPerSecond()))
                                .orElse("–"));
            }
            md.append(" | ").append(ratio(w, Result::opsPerSecond, true));
            if (perRound.size() > 1) {
                md.append("; by round ").append(roundRatios(w));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    private String latency(String workload) {
        StringBuilder md = new StringBuilder("Latency of one call in `" + workload + "`, microseconds.\n\n");
        md.append(header("percentile", null));
        md.append(latencyRow(workload, "p50", Result::p50Micros));
        md.append(latencyRow(workload, "p99", Result::p99Micros));
        md.append(latencyRow(workload, "p99.9", Result::p999Micros));
        return md.toString();
    }

    private String latencyRow(String workload, String label, ToDoubleFunction<Result> value) {
        StringBuilder row = new StringBuilder("| " + label);
        for (StoreKind s : stores) {
            row.append(" | ")
                    .append(find(s.name(), workload)
                            .map(r -> String.format(Locale.ROOT, "%.1f", value.applyAsDouble(r)))
                            .orElse("–"));
        }
        return row.append(" |\n").toString();
    }

    private String size() {
        StringBuilder md = new StringBuilder("On-disk size after `fillrandom` and a flush (no forced compaction),"
                + " MiB (lower is better); last column: Lightning ÷ smallest peer.\n\n");
        md.append(header("", "Lightning ÷ best peer")).append("| MiB");
        for (StoreKind s : stores) {
            md.append(" | ")
                    .append(find(s.name(), SIZE)
                            .map(r -> String.format(Locale.ROOT, "%.1f", r.bytes() / 1048576.0))
                            .orElse("–"));
        }
        return md.append(" | ")
                .append(ratio(SIZE, r -> r.bytes(), false))
                .append(" |\n")
                .toString();
    }

    private String durability() {
        StringBuilder md = new StringBuilder(
                "Durability: every write workload except `fillsync` is durable to the OS on each write (survives a"
                        + " killed process, not a power loss); `fillsync` fsyncs every write. Per store:\n\n"
                        + "| store | each write reaches the OS | each write fsynced (fillsync) |\n|---|---|---|\n");
        for (StoreKind s : stores) {
            md.append("| ")
                    .append(s.name())
                    .append(" | ")
                    .append(s.osDurability())
                    .append(" | ")
                    .append(s.fsyncDurability())
                    .append(" |\n");
        }
        return md.toString();
    }

    private String header(String first, String last) {
        String names = stores.stream().map(StoreKind::name).collect(Collectors.joining(" | "));
        int columns = stores.size() + (last == null ? 1 : 2);
        return "| " + first + " | " + names + (last == null ? "" : " | " + last) + " |\n" + "|---".repeat(columns)
                + "|\n";
    }

    /** Lightning against the best peer: ratio of the values, as "1.23x" with the peer named. */
    private String ratio(String workload, ToDoubleFunction<Result> value, boolean higherBetter) {
        return toBestPeer(outcome.results(), workload, value, higherBetter)
                .map(r -> String.format(Locale.ROOT, "%.2fx (%s)", r.value(), r.peer()))
                .orElse("–");
    }

    /** Each round's entries per second of Lightning ÷ that round's best peer, as "0.60x / 0.69x / –". */
    private String roundRatios(String workload) {
        return perRound.stream()
                .map(round -> toBestPeer(round, workload, Result::opsPerSecond, true)
                        .map(r -> String.format(Locale.ROOT, "%.2fx", r.value()))
                        .orElse("–"))
                .collect(Collectors.joining(" / "));
    }

    /** Lightning's value divided by the best peer's, among {@code results}; empty if either is missing. */
    private static Optional<Ratio> toBestPeer(
            List<Result> results, String workload, ToDoubleFunction<Result> value, boolean higherBetter) {
        Optional<Result> lightning = find(results, LIGHTNING, workload);
        Optional<Result> best = results.stream()
                .filter(r -> r.workload().equals(workload) && !r.store().equals(LIGHTNING))
                .reduce((a, b) -> (value.applyAsDouble(a) >= value.applyAsDouble(b)) == higherBetter ? a : b);
        if (lightning.isEmpty() || best.isEmpty() || value.applyAsDouble(best.get()) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Ratio(
                value.applyAsDouble(lightning.get()) / value.applyAsDouble(best.get()),
                best.get().store()));
    }

    private record Ratio(double value, String peer) {}

    private Set<String> workloads() {
        return outcome.results().stream()
                .map(Result::workload)
                .filter(w -> !w.equals(SIZE))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Optional<Result> find(String store, String workload) {
        return find(outcome.results(), store, workload);
    }

    private static Optional<Result> find(List<Result> results, String store, String workload) {
        return results.stream()
                .filter(r -> r.store().equals(store) && r.workload().equals(workload))
                .findFirst();
    }
}
