package io.lightningdb.bench;

import java.util.Locale;

/**
 * One measured workload on one store.
 *
 * @param store store name
 * @param workload workload name, with its thread count where it varies (e.g. {@code fillsync-4t})
 * @param ops entries written or read
 * @param seconds wall-clock time of the whole workload
 * @param p50Micros median latency of one call (a batch, a seek, a get, a put)
 * @param p99Micros 99th percentile latency of one call
 * @param p999Micros 99.9th percentile latency of one call
 * @param bytes on-disk size, for the size measurement; otherwise 0
 */
public record Result(
        String store,
        String workload,
        long ops,
        double seconds,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        long bytes) {

    static final String CSV_HEADER = "store,workload,ops,seconds,ops_per_sec,p50_us,p99_us,p999_us,bytes";

    /** Entries per second. */
    public double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    String toCsv() {
        return String.format(
                Locale.ROOT,
                "%s,%s,%d,%.3f,%.0f,%.2f,%.2f,%.2f,%d",
                store,
                workload,
                ops,
                seconds,
                opsPerSecond(),
                p50Micros,
                p99Micros,
                p999Micros,
                bytes);
    }

    static Result fromCsv(String line) {
        String[] f = line.split(",");
        return new Result(
                f[0],
                f[1],
                Long.parseLong(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]),
                Double.parseDouble(f[7]),
                Long.parseLong(f[8]));
    }
}
