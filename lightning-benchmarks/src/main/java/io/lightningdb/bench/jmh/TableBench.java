package io.lightningdb.bench.jmh;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.sstable.BlockCache;
import io.lightningdb.internal.sstable.Table;
import io.lightningdb.internal.sstable.TableBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * One table of 100,000 entries with every block cached: a point get (bloom probe, index search,
 * block search) and a bloom filter probe for a missing key, through the public {@link Table}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TableBench {
    private final byte[][] keys = Keys.all(Keys.COUNT);
    private Path dir;
    private Table table;

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("table-bench");
        Path file = dir.resolve("000001.sst");
        try (TableBuilder builder = new TableBuilder(WriteChannelFactory.DEFAULT, file, 4096, 10)) {
            for (int i = 0; i < keys.length; i++) {
                builder.add(InternalKey.encode(keys[i], i + 1, ValueType.VALUE), new byte[Keys.VALUE_SIZE]);
            }
            builder.finish();
        }
        table = Table.open(file, 1, new BlockCache(64L << 20));
        for (byte[] k : keys) {
            table.get(k, InternalKey.MAX_SEQUENCE, Clock.systemUTC());
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        table.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public byte[] cachedGet() {
        return table.get(
                keys[ThreadLocalRandom.current().nextInt(keys.length)], InternalKey.MAX_SEQUENCE, Clock.systemUTC());
    }

    /** Keys ending in '.' were never added: almost every probe ends at the filter. */
    @Benchmark
    public boolean bloomProbeMissing() {
        byte[] k = keys[ThreadLocalRandom.current().nextInt(keys.length)].clone();
        k[15] = '.';
        return table.mayContain(k);
    }
}
