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
 */
public record Settings(long keys, int valueSize, long syncOps, int batchSize, long seed, double maxSeconds) {

    /** db_bench's defaults: 1,000,000 keys, 100-byte values, 10,000 fsynced writes; 60 s per workload. */
    public static Settings defaults() {
        return new Settings(1_000_000, 100, 10_000, 1_000, 301, 60);
    }

    /** These settings with {@code keys}, {@code syncOps} and {@code maxSeconds} replaced. */
    public Settings with(long keys, long syncOps, double maxSeconds) {
        return new Settings(keys, valueSize, syncOps, batchSize, seed, maxSeconds);
    }

    List<String> toArgs() {
        return List.of(
                Long.toString(keys),
                Integer.toString(valueSize),
                Long.toString(syncOps),
                Integer.toString(batchSize),
                Long.toString(seed),
                Double.toString(maxSeconds));
    }

    static Settings fromArgs(String[] args, int from) {
        return new Settings(
                Long.parseLong(args[from]),
                Integer.parseInt(args[from + 1]),
                Long.parseLong(args[from + 2]),
                Integer.parseInt(args[from + 3]),
                Long.parseLong(args[from + 4]),
                Double.parseDouble(args[from + 5]));
    }
}
