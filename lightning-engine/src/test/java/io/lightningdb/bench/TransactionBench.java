package io.lightningdb.bench;

import io.lightningdb.DbStats;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.Transaction;
import io.lightningdb.WalSyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Single-key transaction commit rate: each transaction puts one random 16-byte key with a 100-byte
 * value and commits. Runs NORMAL and SYNC durability with 1 and 4 threads, a few seconds each, and
 * prints ops/sec. In SYNC mode group commit lets concurrent committers share one fsync, so 4
 * threads should commit several times faster than 1. Not a test: it asserts nothing.
 *
 * <pre>{@code
 * ./mvnw -q -pl lightning-engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp lightning-engine/target/classes:lightning-engine/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.lightningdb.bench.TransactionBench [seconds-per-run] [db-parent-dir]
 * }</pre>
 */
public final class TransactionBench {
    private static final int KEY_SIZE = 16;
    private static final int VALUE_SIZE = 100;
    private static final int[] THREADS = {1, 4};
    private static final WalSyncMode[] MODES = {WalSyncMode.NORMAL, WalSyncMode.SYNC};

    private TransactionBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path parent = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        printHeader(seconds, parent);
        for (WalSyncMode mode : MODES) {
            double single = 0;
            for (int threads : THREADS) {
                Result r = run(parent, mode, threads, seconds);
                if (threads == 1) {
                    single = r.opsPerSec();
                }
                String row = String.format(
                        Locale.ROOT,
                        "%-7s %7d %10d %12.0f %11.1f %9.2f %8.1fx",
                        mode,
                        threads,
                        r.commits,
                        r.opsPerSec(),
                        r.nanos / 1e3 / Math.max(1, r.commits) * threads,
                        (double) r.commits / Math.max(1, r.walSyncs),
                        r.opsPerSec() / single);
                System.out.println(row);
            }
        }
    }

    private record Result(long commits, long nanos, long walSyncs) {
        double opsPerSec() {
            return commits / (nanos / 1e9);
        }
    }

    private static Result run(Path parent, WalSyncMode mode, int threads, double seconds) throws Exception {
        Path dir = Files.createTempDirectory(parent, "lightning-txbench");
        LightningConfig config = LightningConfig.builder().walSyncMode(mode).build();
        try (LightningDb db = LightningDb.open(dir, config)) {
            warmUp(db);
            DbStats before = db.stats();
            LongAdder commits = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 301 + t;
                Thread worker = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    byte[] value = randomBytes(random, VALUE_SIZE);
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (!stop.get()) {
                        try (Transaction tx = db.begin()) {
                            tx.put(randomBytes(random, KEY_SIZE), value);
                            tx.commit();
                        }
                        commits.increment();
                    }
                });
                workers.add(worker);
                worker.start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            long nanos = System.nanoTime() - t0;
            long syncs = db.stats().walSyncs() - before.walSyncs();
            return new Result(commits.sum(), nanos, syncs);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void warmUp(LightningDb db) {
        SplittableRandom random = new SplittableRandom(7);
        byte[] value = randomBytes(random, VALUE_SIZE);
        long end = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < end) {
            try (Transaction tx = db.begin()) {
                tx.put(randomBytes(random, KEY_SIZE), value);
                tx.commit();
            }
        }
    }

    private static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static void printHeader(double seconds, Path parent) {
        Machine.printHeader("TransactionBench");
        System.out.printf(
                Locale.ROOT,
                "Workload:   one transaction = put 1 random %d-byte key, %d-byte value, commit; %.1f s per run%n",
                KEY_SIZE,
                VALUE_SIZE,
                seconds);
        System.out.printf(Locale.ROOT, "Directory:  %s%n", parent);
        System.out.println("-".repeat(72));
        System.out.printf(
                Locale.ROOT,
                "%-7s %7s %10s %12s %11s %9s %9s%n",
                "mode",
                "threads",
                "commits",
                "commits/sec",
                "micros/tx",
                "tx/fsync",
                "vs 1 thr");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
