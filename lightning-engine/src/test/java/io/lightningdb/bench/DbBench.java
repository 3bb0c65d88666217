package io.lightningdb.bench;

import ch.qos.logback.classic.Level;
import io.lightningdb.DbStats;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LevelStats;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A db_bench-style throughput benchmark of the engine: LevelDB's classic workloads with its
 * classic shapes (16-byte keys, 100-byte values that compress about 2:1, fixed seed), so figures
 * compare with published LevelDB and RocksDB runs. Not a test: it asserts nothing and prints a
 * table of ops/sec and MB/s.
 *
 * <p>Run it from the repository root (the exec-maven-plugin form needs that plugin declared in the
 * module's pom):
 *
 * <pre>{@code
 * ./mvnw -q -pl lightning-engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx2g -cp lightning-engine/target/classes:lightning-engine/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.lightningdb.bench.DbBench --num=1000000
 *
 * ./mvnw -q -pl lightning-engine test-compile exec:java -Dexec.mainClass=io.lightningdb.bench.DbBench \
 *     -Dexec.classpathScope=test -Dexec.args="--num=1000000"
 * }</pre>
 *
 * <p>Options (defaults in brackets): {@code --num=} keys [1000000]; {@code --benchmarks=} comma
 * list [fillseq,fillbatch,fillsync,fillrandom,overwrite,readrandom,readseq,readreverse]; {@code
 * --value_size=} [100]; {@code --sync=} SYNC|NORMAL|ASYNC [NORMAL]; {@code --sync_num=} writes of
 * fillsync [num/1000, at least 100]; {@code --cache=} bytes [256 MiB]; {@code --write_buffer=}
 * bytes [64 MiB]; {@code --db=} parent directory [system temp]; {@code --seed=} [301]; {@code
 * --keep=} keep the database afterwards [false].
 *
 * <p>Every fill* benchmark starts from a fresh database; overwrite and read* use the one the
 * previous benchmark left. After each write benchmark the memtable is flushed and background
 * compactions are left to settle, outside the timed section, so reads run against table files (a
 * data set of about 116 MB against a 64 MiB write buffer) served by a cache big enough to hold it.
 */
public final class DbBench {
    private static final int KEY_SIZE = 16;
    private static final int BATCH_SIZE = 1000;
    private static final double MIB = 1024.0 * 1024.0;
    private static final List<String> DEFAULT_BENCHMARKS = List.of(
            "fillseq", "fillbatch", "fillsync", "fillrandom", "overwrite", "readrandom", "readseq", "readreverse");

    private final int num;
    private final int valueSize;
    private final int syncNum;
    private final long seed;
    private final boolean keep;
    private final List<String> benchmarks;
    private final LightningConfig config;
    private final Path root;
    private final ValueGenerator values;

    private LightningDb db;
    private Path dbDir;
    private int dbCount;

    private DbBench(Map<String, String> options) {
        num = Integer.parseInt(options.getOrDefault("num", "1000000"));
        valueSize = Integer.parseInt(options.getOrDefault("value_size", "100"));
        syncNum = Integer.parseInt(options.getOrDefault("sync_num", String.valueOf(Math.max(100, num / 1000))));
        seed = Long.parseLong(options.getOrDefault("seed", "301"));
        keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
        benchmarks = options.containsKey("benchmarks")
                ? List.of(options.get("benchmarks").split(","))
                : DEFAULT_BENCHMARKS;
        config = LightningConfig.builder()
                .walSyncMode(WalSyncMode.valueOf(
                        options.getOrDefault("sync", "NORMAL").toUpperCase(Locale.ROOT)))
                .cacheSize(Long.parseLong(options.getOrDefault("cache", String.valueOf(256L << 20))))
                .writeBufferSize(Long.parseLong(options.getOrDefault("write_buffer", String.valueOf(64L << 20))))
                .build();
        try {
            Path parent = Path.of(options.getOrDefault("db", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            root = Files.createTempDirectory(parent, "dbbench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values = new ValueGenerator(valueSize, seed);
    }

    public static void main(String[] args) {
        quietLogging();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        new DbBench(options).runAll();
    }

    /** Engine debug logging would measure the console, not the engine. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }

    private void runAll() {
        printHeader();
        try {
            for (String name : benchmarks) {
                Result result = run(name.trim());
                System.out.println(result.format());
            }
            if (db != null) {
                printStats(db.stats());
            }
        } finally {
            closeDb();
            if (!keep) {
                deleteRecursively(root);
            }
        }
    }

    private Result run(String name) {
        long benchSeed = seed + name.hashCode();
        return switch (name) {
            case "fillseq" -> fill(name, freshDb(config), num, false, 1, benchSeed);
            case "fillbatch" -> fill(name, freshDb(config), num, false, BATCH_SIZE, benchSeed);
            case "fillsync" ->
                fill(
                        name,
                        freshDb(config.toBuilder().walSyncMode(WalSyncMode.SYNC).build()),
                        syncNum,
                        true,
                        1,
                        benchSeed);
            case "fillrandom" -> fill(name, freshDb(config), num, true, 1, benchSeed);
            case "overwrite" -> fill(name, existingDb(name), num, true, 1, benchSeed);
            case "readrandom" -> readRandom(name, existingDb(name), benchSeed);
            case "readseq" -> readSequential(name, existingDb(name), KeyRange.all());
            case "readreverse" ->
                readSequential(name, existingDb(name), KeyRange.all().reverse());
            default -> throw new IllegalArgumentException("Unknown benchmark " + name);
        };
    }

    // ---- workloads

    private Result fill(String name, LightningDb target, int ops, boolean random, int perBatch, long benchSeed) {
        SplittableRandom rnd = new SplittableRandom(benchSeed);
        WriteBatch batch = WriteBatch.create();
        long start = System.nanoTime();
        for (int i = 0; i < ops; i += perBatch) {
            int n = Math.min(perBatch, ops - i);
            if (n == 1) {
                target.put(key(random ? rnd.nextInt(num) : i), values.next());
                continue;
            }
            batch.clear();
            for (int j = 0; j < n; j++) {
                batch.put(key(random ? rnd.nextInt(num) : i + j), values.next());
            }
            target.write(batch);
        }
        long elapsed = System.nanoTime() - start;
        String settle = settle(target);
        return new Result(name, ops, elapsed, (long) ops * (KEY_SIZE + valueSize), settle);
    }

    private Result readRandom(String name, LightningDb target, long benchSeed) {
        SplittableRandom rnd = new SplittableRandom(benchSeed);
        long found = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < num; i++) {
            byte[] value = target.get(key(rnd.nextInt(num)));
            if (value != null) {
                found++;
                bytes += KEY_SIZE + value.length;
            }
        }
        long elapsed = System.nanoTime() - start;
        return new Result(name, num, elapsed, bytes, "(" + found + " of " + num + " found)");
    }

    private Result readSequential(String name, LightningDb target, KeyRange range) {
        long entries = 0;
        long bytes = 0;
        long start = System.nanoTime();
        try (KvIterator it = target.scan(range)) {
            while (it.next()) {
                entries++;
                bytes += it.key().length + it.value().length;
            }
        }
        long elapsed = System.nanoTime() - start;
        return new Result(name, entries, elapsed, bytes, "");
    }

    /** Flushes and waits for compactions outside the timed section, so the next workload starts settled. */
    private String settle(LightningDb target) {
        long start = System.nanoTime();
        target.flush();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (target.stats().pendingCompactions() > 0 && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        int pending = target.stats().pendingCompactions();
        return String.format(
                "(flush+settle %.1f s%s)",
                (System.nanoTime() - start) / 1e9, pending > 0 ? ", " + pending + " compactions still pending" : "");
    }

    // ---- databases

    private LightningDb freshDb(LightningConfig dbConfig) {
        closeDb();
        if (dbDir != null) {
            deleteRecursively(dbDir);
        }
        dbDir = root.resolve("db" + dbCount++);
        db = LightningDb.open(dbDir, dbConfig);
        return db;
    }

    private LightningDb existingDb(String benchmark) {
        if (db == null) {
            throw new IllegalStateException(benchmark + " needs a database: run a fill benchmark before it");
        }
        return db;
    }

    private void closeDb() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    // ---- keys, values, reporting

    /** LevelDB's key format: the number as 16 zero-padded decimal digits. */
    static byte[] key(long k) {
        byte[] key = new byte[KEY_SIZE];
        for (int i = KEY_SIZE - 1; i >= 0; i--) {
            key[i] = (byte) ('0' + k % 10);
            k /= 10;
        }
        return key;
    }

    /**
     * Values cut from a pool in which each value-sized chunk is half random bytes and half a
     * repetition of them, so block compression roughly halves them, as LevelDB's generator does.
     */
    static final class ValueGenerator {
        private final byte[] pool;
        private final int size;
        private int pos;

        ValueGenerator(int size, long seed) {
            this.size = size;
            int chunks = Math.max(1, (1 << 20) / Math.max(1, size));
            pool = new byte[chunks * size];
            SplittableRandom rnd = new SplittableRandom(seed);
            int randomPart = (size + 1) / 2;
            for (int c = 0; c < chunks; c++) {
                int base = c * size;
                for (int i = 0; i < randomPart; i++) {
                    pool[base + i] = (byte) rnd.nextInt(256);
                }
                for (int i = randomPart; i < size; i++) {
                    pool[base + i] = pool[base + i % Math.min(randomPart, 10)];
                }
            }
        }

        byte[] next() {
            if (pos + size > pool.length) {
                pos = 0;
            }
            byte[] value = Arrays.copyOfRange(pool, pos, pos + size);
            pos += size;
            return value;
        }
    }

    private record Result(String name, long ops, long nanos, long bytes, String note) {
        String format() {
            double seconds = nanos / 1e9;
            return String.format(
                    Locale.ROOT,
                    "%-12s %10d %12.0f %11.3f %9.1f  %s",
                    name,
                    ops,
                    ops / seconds,
                    nanos / 1e3 / Math.max(1, ops),
                    bytes / MIB / seconds,
                    note);
        }
    }

    private void printHeader() {
        Machine.printHeader("DbBench");
        System.out.printf(Locale.ROOT, "Keys:       %d bytes each%n", KEY_SIZE);
        System.out.printf(
                Locale.ROOT, "Values:     %d bytes each (about %d after compression)%n", valueSize, valueSize / 2);
        System.out.printf(Locale.ROOT, "Entries:    %d (fillsync: %d)%n", num, syncNum);
        System.out.printf(Locale.ROOT, "RawSize:    %.1f MiB%n", (double) num * (KEY_SIZE + valueSize) / MIB);
        System.out.printf(
                Locale.ROOT,
                "Config:     sync=%s, write buffer %.0f MiB, cache %.0f MiB, block %d B%n",
                config.walSyncMode(),
                config.writeBufferSize() / MIB,
                config.cacheSize() / MIB,
                config.blockSize());
        System.out.printf(Locale.ROOT, "Directory:  %s%n", root);
        System.out.println("-".repeat(96));
        System.out.printf(
                Locale.ROOT,
                "%-12s %10s %12s %11s %9s  %s%n",
                "benchmark",
                "ops",
                "ops/sec",
                "micros/op",
                "MB/s",
                "notes");
    }

    private static void printStats(DbStats s) {
        System.out.println("-".repeat(96));
        List<String> levels = new ArrayList<>();
        for (LevelStats l : s.levels()) {
            if (l.files() > 0) {
                levels.add(String.format(Locale.ROOT, "L%d %d files %.1f MiB", l.level(), l.files(), l.bytes() / MIB));
            }
        }
        System.out.println("Levels:     " + String.join(", ", levels));
        System.out.printf(
                Locale.ROOT,
                "Engine:     flushes %d, compactions %d (read %.0f MiB, wrote %.0f MiB), write stalls %d, wal syncs %d%n",
                s.flushes(),
                s.compactions(),
                s.compactionBytesRead() / MIB,
                s.compactionBytesWritten() / MIB,
                s.writeStalls(),
                s.walSyncs());
        long lookups = s.cacheHits() + s.cacheMisses();
        System.out.printf(
                Locale.ROOT,
                "Cache:      hits %d, misses %d (hit rate %.1f%%), evictions %d, %.0f MiB held%n",
                s.cacheHits(),
                s.cacheMisses(),
                lookups == 0 ? 0.0 : 100.0 * s.cacheHits() / lookups,
                s.cacheEvictions(),
                s.cacheBytes() / MIB);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for compactions", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
