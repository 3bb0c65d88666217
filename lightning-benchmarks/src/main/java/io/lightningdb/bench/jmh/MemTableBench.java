package io.lightningdb.bench.jmh;

import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.memtable.MemTable;
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
import org.openjdk.jmh.annotations.Warmup;

/** Memtable insert of a random key, and lookup of a present key, in a memtable of 100,000 entries. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemTableBench {
    private final byte[][] keys = Keys.all(Keys.COUNT);
    private final byte[] value = new byte[Keys.VALUE_SIZE];
    private MemTable filled;
    private MemTable growing;
    private long sequence;

    @Setup(Level.Trial)
    public void fill() {
        filled = new MemTable(1);
        for (int i = 0; i < keys.length; i++) {
            filled.add(i + 1, ValueType.VALUE, keys[i], value);
        }
    }

    /** A fresh memtable per iteration, so inserts do not measure an ever larger table. */
    @Setup(Level.Iteration)
    public void empty() {
        growing = new MemTable(1);
        sequence = 0;
    }

    @Benchmark
    public void insert() {
        growing.add(
                ++sequence, ValueType.VALUE, keys[ThreadLocalRandom.current().nextInt(keys.length)], value);
    }

    @Benchmark
    public byte[] get() {
        return filled.get(
                keys[ThreadLocalRandom.current().nextInt(keys.length)], Long.MAX_VALUE >>> 8, Clock.systemUTC());
    }
}
