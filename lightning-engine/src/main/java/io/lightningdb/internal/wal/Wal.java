package io.lightningdb.internal.wal;

import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.crypto.Encryptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The write-ahead log: a sequence of numbered segment files, of which only the newest is written.
 * Callers (the group-commit leader, one at a time) append a record and then {@link #commit()},
 * which makes it as durable as the {@link WalSyncMode} promises. For NORMAL and ASYNC a background
 * thread syncs or writes the log every interval.
 */
public final class Wal implements AutoCloseable {
    private static final int ASYNC_BUFFER_LIMIT = 1 << 20;

    private final WalSyncMode mode;
    private final WriteChannelFactory channels;
    private final long segmentSize;
    private final boolean directIo;
    private final LongFunction<Path> segmentPath;
    private final LongAdder syncs;
    private final LongAdder bytes;
    private final Consumer<IOException> backgroundFailure;
    private final Encryptor encryptor;
    private final Object rotateLock = new Object();
    private final ScheduledExecutorService syncer;
    private volatile LogWriter current;

    public Wal(
            WriteChannelFactory channels,
            WalSyncMode mode,
            Duration interval,
            long segmentSize,
            LongFunction<Path> segmentPath,
            long firstSegment,
            LongAdder syncs,
            LongAdder bytes,
            Consumer<IOException> backgroundFailure,
            Encryptor encryptor,
            boolean directIo)
            throws IOException {
        this.encryptor = encryptor;
        this.directIo = directIo;
        this.mode = mode;
        this.channels = channels;
        this.segmentSize = segmentSize;
        this.segmentPath = segmentPath;
        this.syncs = syncs;
        this.bytes = bytes;
        this.backgroundFailure = backgroundFailure;
        this.current = newSegment(firstSegment);
        if (mode == WalSyncMode.SYNC) {
            syncer = null;
        } else {
            syncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lightning-wal-sync");
                t.setDaemon(true);
                return t;
            });
            long nanos = interval.toNanos();
            syncer.scheduleWithFixedDelay(this::backgroundSync, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A segment writer: preallocated (and written directly, unless that is turned off) when every
     * commit fsyncs, mapped when every commit only hands the record to the operating system (see
     * {@link LogWriter}).
     */
    private LogWriter newSegment(long number) throws IOException {
        LogWriter.Layout layout = switch (mode) {
            case SYNC -> directIo ? LogWriter.Layout.DIRECT : LogWriter.Layout.PREALLOCATE;
            case NORMAL -> LogWriter.Layout.MAP;
            case ASYNC -> LogWriter.Layout.APPEND;
        };
        return new LogWriter(channels, segmentPath.apply(number), number, encryptor, layout);
    }

    public long currentSegment() {
        return current.number();
    }

    /** Whether the current segment has reached its size limit. */
    public boolean segmentFull() {
        return current.size() >= segmentSize;
    }

    public void append(byte[] payload, int len) {
        current.append(payload, 0, len);
        bytes.add(LogFormat.HEADER_SIZE + len);
    }

    /** Makes the appended records as durable as the sync mode promises. */
    public void commit() throws IOException {
        switch (mode) {
            case SYNC -> {
                current.sync();
                syncs.increment();
            }
            case NORMAL -> current.flush();
            case ASYNC -> {
                if (current.bufferedBytes() >= ASYNC_BUFFER_LIMIT) {
                    current.flush(); // bound the memory a burst of writes can hold
                }
            }
        }
    }

    /**
     * Closes the current segment durably (whatever the mode: a closed segment is never appended to
     * again) and starts segment {@code number}.
     */
    public void rotate(long number) throws IOException {
        synchronized (rotateLock) {
            LogWriter old = current;
            old.sync();
            syncs.increment();
            old.close();
            current = newSegment(number);
        }
    }

    /** A point in the log: everything before byte {@code length} of segment {@code segment}. */
    public record Position(long segment, long length) {}

    /**
     * Hands everything appended so far to the operating system and returns where it ends, a record
     * boundary. The caller must keep appends out meanwhile (it is the head of the write queue).
     */
    public Position flushedPosition() throws IOException {
        synchronized (rotateLock) {
            current.flush();
            return new Position(current.number(), current.size());
        }
    }

    /** Writes and fsyncs everything appended so far. */
    public void syncNow() throws IOException {
        synchronized (rotateLock) {
            current.sync();
            syncs.increment();
        }
    }

    private void backgroundSync() {
        try {
            synchronized (rotateLock) {
                if (mode == WalSyncMode.NORMAL) {
                    current.sync();
                    syncs.increment();
                } else {
                    current.flush();
                }
            }
        } catch (IOException e) {
            backgroundFailure.accept(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (syncer != null) {
            syncer.shutdown();
            try {
                syncer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (rotateLock) {
            try {
                current.sync();
                syncs.increment();
            } finally {
                current.close();
            }
        }
    }
}
