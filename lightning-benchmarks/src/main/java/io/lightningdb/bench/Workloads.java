package io.lightningdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * The db_bench workloads, run in a fixed order against one store kind. Fill workloads start from
 * an empty store; the read workloads run on the store {@code fillrandom} left (then overwritten).
 * Every read is checked, so an adapter that loses data fails instead of looking fast.
 */
final class Workloads {
    private static final int SEEK_NEXTS = 10;
    /**
     * How long {@code readseq} keeps scanning, in whole passes, so that a fast store is timed over
     * more than one pass of a few tens of milliseconds (MVStore's single pass over 300,000 keys took
     * 24 ms, near a GC pause or a slow spell of the machine); at most a tenth of the time limit.
     */
    private static final double SCAN_SECONDS = 1.0;
    /** A bound on {@code readseq}'s passes that {@link #SCAN_SECONDS} always reaches first. */
    private static final long MAX_SCAN_PASSES = 1_000_000;

    private static final double MIXED_READ_SHARE = 0.8;

    private final StoreKind kind;
    private final Path workDir;
    private final Settings settings;
    private final Data data;
    private final Consumer<Result> results;
    private final long[] shuffled;

    Workloads(StoreKind kind, Path workDir, Settings settings, Consumer<Result> results) {
        this.kind = kind;
        this.workDir = workDir;
        this.settings = settings;
        this.data = new Data(settings.valueSize(), settings.seed());
        this.results = results;
        this.shuffled = shuffledKeys(settings.keys(), settings.seed());
    }

    /** Runs every workload and reports each result as it is measured. */
    void runAll() throws Exception {
        try (Store store = fresh("fillseq", Durability.OS)) {
            fill("fillseq", store, i -> i);
        }
        Path randomDir = workDir.resolve("fillrandom");
        try (Store store = fresh("fillrandom", Durability.OS)) {
            long filled = fill("fillrandom", store, i -> shuffled[(int) i]);
            loadRest(store, filled);
            store.sync();
            results.accept(new Result(kind.name(), "size-after-fillrandom", 0, 0, 0, 0, 0, Dirs.size(randomDir)));
            overwrite(store);
            readRandom("readrandom-1t", store, 1);
            readRandom("readrandom-2t", store, 2);
            readMissing(store);
            readSeq(store);
            seekRandom(store);
            readWhileWriting(store);
            mixed(store);
        }
        Dirs.delete(randomDir);
        try (Store store = fresh("fillbatch", Durability.OS)) {
            fillBatch(store);
        }
        for (int threads : new int[] {1, 4, 16}) {
            try (Store store = fresh("fillsync-" + threads, Durability.FSYNC)) {
                fillSync(store, threads);
            }
        }
        Dirs.delete(workDir);
    }

    private Store fresh(String name, Durability durability) throws Exception {
        Dirs.delete(workDir.resolve(name));
        Files.createDirectories(workDir.resolve(name));
        return kind.open(workDir.resolve(name), durability);
    }

    /** Returns how many keys were written before the time limit. */
    private long fill(String name, Store store, LongUnaryOperator order) throws Exception {
        return measure(name, 1, settings.keys(), (i, random) -> {
            store.put(Data.key(order.applyAsLong(i)), data.value(random));
            return 1;
        });
    }

    /** Writes, untimed and in batches, the keys a time-limited fillrandom did not reach, for the reads. */
    private void loadRest(Store store, long filled) throws Exception {
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (long from = filled; from < settings.keys(); from += settings.batchSize()) {
            int n = (int) Math.min(settings.batchSize(), settings.keys() - from);
            byte[][] keys = new byte[n][];
            byte[][] values = new byte[n][];
            for (int j = 0; j < n; j++) {
                keys[j] = Data.key(shuffled[(int) (from + j)]);
                values[j] = data.value(random);
            }
            store.batch(keys, values);
        }
    }

    private void overwrite(Store store) throws Exception {
        measure("overwrite", 1, settings.keys(), (i, random) -> {
            store.put(Data.key(random.nextLong(settings.keys())), data.value(random));
            return 1;
        });
    }

    private void fillBatch(Store store) throws Exception {
        int size = settings.batchSize();
        long batches = (settings.keys() + size - 1) / size;
        measure("fillbatch", 1, batches, (b, random) -> {
            int n = (int) Math.min(size, settings.keys() - b * size);
            byte[][] keys = new byte[n][];
            byte[][] values = new byte[n][];
            for (int j = 0; j < n; j++) {
                keys[j] = Data.key(b * size + j);
                values[j] = data.value(random);
            }
            store.batch(keys, values);
            return n;
        });
    }

    private void fillSync(Store store, int threads) throws Exception {
        measure("fillsync-" + threads + "t", threads, settings.syncOps(), (i, random) -> {
            store.put(Data.key(random.nextLong(settings.keys())), data.value(random));
            return 1;
        });
    }

    private void readRandom(String name, Store store, int threads) throws Exception {
        measure(name, threads, settings.keys(), (i, random) -> {
            long n = random.nextLong(settings.keys());
            expectFound(store.get(Data.key(n)), n);
            return 1;
        });
    }

    private void readMissing(Store store) throws Exception {
        measure("readmissing", 1, settings.keys(), (i, random) -> {
            long n = random.nextLong(settings.keys());
            if (store.get(Data.missingKey(n)) != null) {
                throw new IllegalStateException(kind.name() + " found never-written key " + n);
            }
            return 1;
        });
    }

    private void readSeq(Store store) throws Exception {
        double seconds = Math.min(SCAN_SECONDS, settings.maxSeconds() / 10);
        measure("readseq", 1, MAX_SCAN_PASSES, seconds, (i, random) -> {
            long n = scanned(store, null, Integer.MAX_VALUE);
            if (n != settings.keys()) {
                throw new IllegalStateException(kind.name() + " scanned " + n + " of " + settings.keys() + " keys");
            }
            return (int) n;
        });
    }

    /** N seeks, counted as db_bench counts them: each reads up to ten entries. */
    private void seekRandom(Store store) throws Exception {
        measure("seekrandom", 1, settings.keys(), (i, random) -> {
            long from = random.nextLong(settings.keys());
            long n = scanned(store, Data.key(from), SEEK_NEXTS);
            if (n != Math.min(SEEK_NEXTS, settings.keys() - from)) {
                throw new IllegalStateException(kind.name() + " read " + n + " entries after a seek to key " + from);
            }
            return 1;
        });
    }

    /** Entries a scan visited, from the lengths it summed; every entry must have the written sizes. */
    private long scanned(Store store, byte[] from, int limit) throws Exception {
        long bytes = store.scan(from, limit);
        long entry = Data.KEY_SIZE + settings.valueSize();
        if (bytes % entry != 0) {
            throw new IllegalStateException(kind.name() + " scanned entries of the wrong size (" + bytes + " bytes)");
        }
        return bytes / entry;
    }

    /** One reader measured while one writer overwrites random keys as fast as it can. */
    private void readWhileWriting(Store store) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicLong writerFailures = new AtomicLong();
        Thread writer = new Thread(
                () -> {
                    SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5eed);
                    try {
                        while (!stop.get()) {
                            store.put(Data.key(random.nextLong(settings.keys())), data.value(random));
                            written.incrementAndGet();
                        }
                    } catch (Exception e) {
                        writerFailures.incrementAndGet();
                    }
                },
                "bench-writer");
        writer.start();
        try {
            readRandom("readwhilewriting", store, 1);
        } finally {
            stop.set(true);
            writer.join();
        }
        if (writerFailures.get() > 0) {
            throw new IllegalStateException(kind.name() + " writer failed during readwhilewriting");
        }
    }

    /** 80% gets and 20% puts of random present keys on two threads; its latency is the point. */
    private void mixed(Store store) throws Exception {
        measure("mixed-80r20w", 2, settings.keys(), (i, random) -> {
            long n = random.nextLong(settings.keys());
            if (random.nextDouble() < MIXED_READ_SHARE) {
                expectFound(store.get(Data.key(n)), n);
            } else {
                store.put(Data.key(n), data.value(random));
            }
            return 1;
        });
    }

    private void expectFound(byte[] value, long n) {
        if (value == null || value.length != settings.valueSize()) {
            throw new IllegalStateException(kind.name() + " lost key " + n);
        }
    }

    /** Runs and reports one workload; returns the entries it wrote or read. */
    private long measure(String name, int threads, long calls, Parallel.Call call) throws Exception {
        return measure(name, threads, calls, settings.maxSeconds(), call);
    }

    /** Like {@link #measure(String, int, long, Parallel.Call)}, starting no call after {@code seconds}. */
    private long measure(String name, int threads, long calls, double seconds, Parallel.Call call) throws Exception {
        Parallel.Timing t = Parallel.run(threads, calls, settings.seed() + name.hashCode(), seconds, call);
        results.accept(new Result(
                kind.name(),
                name,
                t.entries(),
                t.seconds(),
                t.latencyNanos().getValueAtPercentile(50) / 1e3,
                t.latencyNanos().getValueAtPercentile(99) / 1e3,
                t.latencyNanos().getValueAtPercentile(99.9) / 1e3,
                0));
        return t.entries();
    }

    /** 0 … keys-1 in a random order fixed by {@code seed} (Fisher–Yates). */
    private static long[] shuffledKeys(long keys, long seed) {
        long[] order = new long[(int) keys];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
