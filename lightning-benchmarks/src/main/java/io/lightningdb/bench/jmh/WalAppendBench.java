package io.lightningdb.bench.jmh;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.wal.LogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * WAL append of a one-entry batch record (about the size a 16-byte key and 100-byte value encode
 * to): buffered only, and handed to the OS each time as {@code WalSyncMode.NORMAL} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WalAppendBench {
    private static final int RECORD_SIZE = 140;

    private final byte[] payload = new byte[RECORD_SIZE];
    private Path dir;
    private LogWriter writer;

    /** A fresh log per iteration keeps the file from growing for the whole run. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("wal-bench");
        writer = new LogWriter(WriteChannelFactory.DEFAULT, dir.resolve("000001.log"), 1);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        writer.close();
        Files.delete(writer.path());
        Files.delete(dir);
    }

    @Benchmark
    public void appendBuffered() throws IOException {
        writer.append(payload, 0, payload.length);
        if (writer.bufferedBytes() > 32 * 1024) {
            writer.flush();
        }
    }

    @Benchmark
    public void appendAndWriteToOs() throws IOException {
        writer.append(payload, 0, payload.length);
        writer.flush();
    }
}
