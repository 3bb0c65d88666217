package io.lightningdb.internal.wal;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.InterruptSafeChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Appends framed records to one file through an in-process buffer. {@link #flush()} hands the
 * buffer to the operating system; {@link #sync()} also fsyncs. Appends and flushes are mutually
 * exclusive; the fsync itself runs outside the monitor so appends continue during it.
 *
 * <p>How records reach the file is the writer's {@link Layout}. A writer that syncs every commit
 * preallocates: it fills the file with zeros ahead of its records, a megabyte at a time, so most
 * fsyncs write data only (an append that grows the file makes every fsync also commit the new size
 * to the file system's journal: about 1.5x the fsync rate on ext4 here). In the {@link
 * Layout#DIRECT} layout, where the file system takes direct I/O, it writes zeros and records with
 * direct, synchronous writes ({@link DirectLog}), each durable when it returns, and a sync needs no
 * fsync of its own. A writer that flushes every commit without syncing maps the preallocated
 * megabyte into memory and copies small flushes into it: the pages belong to the operating
 * system's page cache as soon as they are written, exactly as after a {@code write()} call, so they survive a killed process, but without a system call per
 * commit (about 1.1 µs each here, close to half of a small put's CPU time). A process killed in
 * the middle of a copy leaves part of a record: recovery drops it as a torn tail, as it does a cut
 * {@code write()}. Readers take a zero-filled tail for the end of the log, and {@link #close()}
 * cuts it off. Preallocation is only an optimisation: if it fails (a full disk), the writer stops
 * preallocating and writes records with {@code write()}, which then reports the problem; a channel
 * that cannot be mapped (a test's fault-injecting wrapper) gets plain writes too.
 *
 * <p>The file is an {@link InterruptSafeChannel}: the commit leader is a caller's thread, and an
 * interrupt landing on it mid-write or mid-fsync must not close the log (which would leave the
 * database read-only). Every operation here is positional, so the channel can redo it.
 */
public final class LogWriter implements AutoCloseable {
    private static final int PREALLOCATION_STEP = 1 << 20; // also the size of a mapped window

    private static final byte[] ZEROS = new byte[64 * 1024]; // only ever read
    /**
     * Larger flushes go through {@code write()} even in the MAP layout: the first touch of each
     * mapped page costs a page fault, which a small record shares with the others on its page but a
     * large batch pays per 4 KiB, while one system call serves the whole batch.
     */
    private static final int MAPPED_FLUSH_LIMIT = 4 * 1024;

    /** How records reach the file. */
    public enum Layout {
        /** {@code write()} at the end of the file: the manifest, and logs flushed only in the background. */
        APPEND,
        /** {@code write()} into zeros written ahead, then fsync: logs fsynced on every commit, without direct I/O. */
        PREALLOCATE,
        /**
         * Direct, synchronous writes into zeros written ahead ({@link DirectLog}), or {@link
         * #PREALLOCATE}'s {@code write()} and fsync where the file system refuses direct I/O: logs
         * fsynced on every commit.
         */
        DIRECT,
        /** Small flushes copied into a memory mapping of zeros written ahead: logs handed to the OS on every commit. */
        MAP
    }

    private final Path path;
    private final long number;
    private final InterruptSafeChannel channel;
    private final Encryptor encryptor; // null: records are written in plain
    private final ByteSink buffer = new ByteSink(64 * 1024);
    private final CRC32C crc = new CRC32C(); // under the monitor; Checksums' thread-local lookup cost ~5% of a put
    private long size;
    private long flushedSize; // bytes known to be in the file
    private IOException failure; // set by a failed write or fsync; the writer never writes again
    private boolean preallocate;
    private long preallocatedTo; // bytes of the file that exist, records or zeros
    private final MappedWindows mapped; // null unless the layout is MAP
    // null unless the layout is DIRECT, the file system takes direct I/O, and preallocating works
    private DirectLog direct;
    private boolean map; // false once the channel refused to map
    private final ReentrantLock syncLock = new ReentrantLock(); // one sync (or close) at a time

    /** A writer of plain records. */
    public LogWriter(WriteChannelFactory channels, Path path, long number) throws IOException {
        this(channels, path, number, null);
    }

    /** A writer that encrypts every record with {@code encryptor}, or writes plain ones when it is null. */
    public LogWriter(WriteChannelFactory channels, Path path, long number, Encryptor encryptor) throws IOException {
        this(channels, path, number, encryptor, Layout.APPEND);
    }

    /** Like the four-argument constructor, with records reaching the file as {@code layout} says. */
    public LogWriter(WriteChannelFactory channels, Path path, long number, Encryptor encryptor, Layout layout)
            throws IOException {
        this.path = path;
        this.number = number;
        this.encryptor = encryptor;
        this.preallocate = layout != Layout.APPEND;
        this.map = layout == Layout.MAP;
        boolean readable = map; // a writable mapping needs both
        this.channel = InterruptSafeChannel.open(
                () -> readable ? FileIo.openForReadWrite(channels, path) : FileIo.openForWrite(channels, path, false),
                () -> FileIo.reopenForWrite(channels, path, readable));
        this.mapped = map ? new MappedWindows(channel, PREALLOCATION_STEP) : null;
        this.direct = layout == Layout.DIRECT ? DirectLog.open(channels, path, PREALLOCATION_STEP) : null;
    }

    /** Whether records go to the file by direct, synchronous writes. */
    synchronized boolean writesDirect() {
        return direct != null;
    }

    public Path path() {
        return path;
    }

    public long number() {
        return number;
    }

    /** Bytes appended so far, buffered or not. */
    public synchronized long size() {
        return size;
    }

    public synchronized void append(byte[] payload, int off, int len) {
        int type = LogFormat.TYPE_FULL;
        if (encryptor != null) {
            payload = encryptor.encrypt(payload, off, len);
            off = 0;
            len = payload.length;
            type = LogFormat.TYPE_ENCRYPTED;
        }
        buffer.ensure(LogFormat.HEADER_SIZE + len);
        int start = buffer.size();
        buffer.putInt(len).putInt(0).putByte(type).putBytes(payload, off, len);
        crc.reset();
        crc.update(buffer.array(), start + 8, len + 1);
        buffer.setInt(start + 4, (int) crc.getValue());
        size += LogFormat.HEADER_SIZE + len;
    }

    /** Bytes appended but not yet handed to the operating system. */
    public synchronized int bufferedBytes() {
        return buffer.size();
    }

    /**
     * Writes buffered records to the operating system. After a failed (possibly partial) write the
     * file is cut back to its last whole record, best effort, and the writer refuses all further
     * writes: writing the lost bytes again later would leave a garbled record in the middle of the
     * log. Recovery drops an incomplete tail record either way.
     */
    public synchronized void flush() throws IOException {
        throwIfFailed();
        int n = buffer.size();
        if (n == 0) {
            return;
        }
        if (preallocate && flushedSize + n > preallocatedTo) {
            preallocate(flushedSize + n);
        }
        int done = map && preallocate && n < MAPPED_FLUSH_LIMIT ? copyIntoMapping(n) : 0;
        if (done < n) {
            try {
                if (direct != null) {
                    direct.write(flushedSize + done, buffer.array(), done, n - done);
                } else {
                    channel.run(ch -> FileIo.writeFully(ch, flushedSize + done, buffer.array(), done, n - done));
                }
            } catch (IOException e) {
                fail(e);
                try {
                    channel.run(ch -> ch.truncate(flushedSize));
                } catch (IOException truncateFailure) {
                    e.addSuppressed(truncateFailure);
                }
                throw e;
            }
        }
        flushedSize += n;
        buffer.reset();
    }

    /**
     * Copies as much of the buffer as the preallocated space holds into mapped windows; returns how
     * many bytes it copied. A channel that cannot map turns mapping off for good.
     */
    private int copyIntoMapping(int n) {
        int done = 0;
        while (done < n) {
            long at = flushedSize + done;
            long windowEnd = (at / PREALLOCATION_STEP + 1) * PREALLOCATION_STEP;
            if (windowEnd > preallocatedTo) {
                return done; // zeros not written that far: the rest goes through write()
            }
            int length = (int) Math.min(n - done, windowEnd - at);
            try {
                mapped.put(windowEnd - PREALLOCATION_STEP, at, buffer.array(), done, length);
            } catch (IOException | UnsupportedOperationException e) {
                map = false;
                return done;
            }
            done += length;
        }
        return done;
    }

    /**
     * Zero-fills the file from its current end to past {@code needed}; on failure, stops preallocating
     * (and writing directly: records past the zeros could not be padded to a block).
     */
    private void preallocate(long needed) {
        long position = Math.max(preallocatedTo, flushedSize);
        long to = (needed / PREALLOCATION_STEP + 1) * PREALLOCATION_STEP;
        if (direct != null) {
            try {
                direct.writeZeros(position, to);
                preallocatedTo = to;
                return;
            } catch (IOException | RuntimeException e) {
                stopWritingDirect(); // and preallocate through write(), which reports a real problem
            }
        }
        try {
            while (position < to) {
                long at = position;
                int length = (int) Math.min(ZEROS.length, to - position);
                // A fresh buffer per try: a write cut short by an interrupt may have moved the last one's position.
                position += channel.call(ch -> ch.write(ByteBuffer.wrap(ZEROS, 0, length), at));
            }
        } catch (IOException e) {
            preallocate = false; // zeros that did land read as the end of the log
        }
        preallocatedTo = position;
    }

    private void stopWritingDirect() {
        try {
            direct.close();
        } catch (IOException ignored) {
            // the records written through it are durable; nothing more goes through it
        }
        direct = null;
    }

    /** Flushes, then fsyncs the file's data (direct writes are durable already). */
    public void sync() throws IOException {
        syncLock.lock();
        try {
            MappedWindows.Written windows;
            synchronized (this) {
                flush();
                if (direct != null) {
                    return;
                }
                windows = mapped == null ? null : mapped.takeWritten();
            }
            try {
                if (windows != null) {
                    mapped.force(windows);
                }
                channel.run(ch -> ch.force(false));
            } catch (IOException e) {
                synchronized (this) {
                    fail(e); // after a failed fsync the state of the written pages is unknown
                }
                throw e;
            }
        } finally {
            syncLock.unlock();
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        buffer.reset();
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException("Log " + path.getFileName() + " failed earlier: " + failure.getMessage(), failure);
        }
    }

    /** Flushes unless an earlier write failed, then closes the file. */
    @Override
    public void close() throws IOException {
        syncLock.lock();
        try {
            synchronized (this) {
                if (failure == null) {
                    flush();
                }
                if (mapped != null) {
                    mapped.close(); // before the file shrinks below the windows
                }
                if (direct != null) {
                    stopWritingDirect();
                }
                if (failure == null && preallocatedTo > flushedSize) {
                    // Not synced: after a crash the zeros read as the end anyway.
                    channel.run(ch -> ch.truncate(flushedSize));
                }
            }
        } finally {
            try {
                channel.close();
            } finally {
                syncLock.unlock();
            }
        }
    }
}
