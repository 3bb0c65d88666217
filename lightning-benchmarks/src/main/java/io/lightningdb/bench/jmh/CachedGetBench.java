package io.lightningdb.bench.jmh;

import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A point get through {@link LightningDb} of 100,000 flushed keys whose blocks are all in the block
 * cache: the whole public read path without I/O. Also a get from the memtable, before any flush.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CachedGetBench {
    private final byte[][] keys = Keys.all(Keys.COUNT);
    private Path dir;
    private LightningDb flushed;
    private LightningDb memtableOnly;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("get-bench");
        flushed = filled(dir.resolve("flushed"));
        flushed.flush();
        for (byte[] k : keys) {
            flushed.get(k);
        }
        memtableOnly = filled(dir.resolve("memtable"));
    }

    private LightningDb filled(Path path) {
        LightningDb db = LightningDb.open(
                path, LightningConfig.builder().walSyncMode(WalSyncMode.ASYNC).build());
        for (byte[] k : keys) {
            db.put(k, new byte[Keys.VALUE_SIZE]);
        }
        return db;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        flushed.close();
        memtableOnly.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public byte[] getFromBlockCache() {
        return flushed.get(keys[ThreadLocalRandom.current().nextInt(keys.length)]);
    }

    @Benchmark
    public byte[] getFromMemtable() {
        return memtableOnly.get(keys[ThreadLocalRandom.current().nextInt(keys.length)]);
    }
}
