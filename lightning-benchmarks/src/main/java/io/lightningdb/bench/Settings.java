package io.lightningdb.bench;

import java.util.List;

/**
 * The size of one run: the same for every store.
 *
 * @param keys entries written by the fill workloads and read by the read workloads
 * @param valueSize bytes per value
 * @param syncOps writes of each fillsync workload (fsync per write is slow, so fewer)
 * @param batchSize entries per atomic batch in fillbatch
 * @param seed seed of every random choice
 * @param maxSeconds time after which a workload stops and reports what it did
 * @param warmupKeys keys of an untimed pass through every workload before the measured one, in the
 *     same JVM (0: none, as db_bench). It lets the JIT compile the Java stores first, as JMH's warm-up
 *     iterations do; stores in native code run it too and gain little from it. Without it a workload
 *     of under a second measures mostly the JIT: Lightning's first 30,000 gets in a fresh JVM take
 *     5.6-5.9 µs each, the ones after 120,000 about 1 µs. A shorter warm-up than the measured pass
 *     is not enough either: after 100,000 keys Lightning's 2-thread gets still ran at half their
 *     steady rate (C2 compiles the read path in several steps, each taking 100-180 ms of a core)
 */
public record Settings(
        long keys, int valueSize, long syncOps, int batchSize, long seed, double maxSeconds, long warmupKeys) {

    /**
     * db_bench's defaults (1,000,000 keys, 100-byte values, 10,000 fsynced writes), 60 s per
     * workload, and a warm-up pass as long as the measured one (its keys follow {@link #with}).
     */
    public static Settings defaults() {
        return new Settings(1_000_000, 100, 10_000, 1_000, 301, 60, 1_000_000);
    }

    /**
     * These settings with {@code keys}, {@code syncOps} and {@code maxSeconds} replaced; a warm-up as
     * long as the measured run stays so, and the warm-up never writes more keys than the measured run.
     */
    public Settings with(long keys, long syncOps, double maxSeconds) {
        long warmup = warmupKeys == this.keys ? keys : Math.min(warmupKeys, keys);
        return new Settings(keys, valueSize, syncOps, batchSize, seed, maxSeconds, warmup);
    }

    /** These settings with the warm-up set to {@code keys} (0: none), at most the measured keys. */
    public Settings withWarmup(long keys) {
        return new Settings(this.keys, valueSize, syncOps, batchSize, seed, maxSeconds, Math.min(keys, this.keys));
    }

    /** The settings of the warm-up pass: its keys, a tenth of the fsynced writes, no warm-up of its own. */
    Settings warmupPass() {
        return new Settings(warmupKeys, valueSize, Math.max(1, syncOps / 10), batchSize, seed, maxSeconds, 0);
    }

    List<String> toArgs() {
        return List.of(
                Long.toString(keys),
                Integer.toString(valueSize),
                Long.toString(syncOps),
                Integer.toString(batchSize),
                Long.toString(seed),
                Double.toString(maxSeconds),
                Long.toString(warmupKeys));
    }

    static Settings fromArgs(String[] args, int from) {
        return new Settings(
                Long.parseLong(args[from]),
                Integer.parseInt(args[from + 1]),
                Long.parseLong(args[from + 2]),
                Integer.parseInt(args[from + 3]),
                Long.parseLong(args[from + 4]),
                Double.parseDouble(args[from + 5]),
                Long.parseLong(args[from + 6]));
    }
}
