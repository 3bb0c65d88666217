package io.lightningdb.internal.wal;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.Checksums;
import io.lightningdb.internal.util.FileIo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends framed records to one file through an in-process buffer. {@link #flush()} hands the
 * buffer to the operating system; {@link #sync()} also fsyncs. Appends and flushes are mutually
 * exclusive; the fsync itself runs outside the monitor so appends continue during it.
 */
public final class LogWriter implements AutoCloseable {
    private final Path path;
    private final long number;
    private final FileChannel channel;
    private final ByteSink buffer = new ByteSink(64 * 1024);
    private long size;
    private long flushedSize; // bytes known to be in the file
    private IOException failure; // set by a failed write or fsync; the writer never writes again

    public LogWriter(WriteChannelFactory channels, Path path, long number) throws IOException {
        this.path = path;
        this.number = number;
        this.channel = FileIo.openForWrite(channels, path, false);
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
        buffer.ensure(LogFormat.HEADER_SIZE + len);
        int start = buffer.size();
        buffer.putInt(len).putInt(0).putByte(LogFormat.TYPE_FULL).putBytes(payload, off, len);
        buffer.setInt(start + 4, Checksums.crc32c(buffer.array(), start + 8, len + 1));
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
        if (buffer.size() > 0) {
            try {
                FileIo.writeFully(channel, buffer.array(), 0, buffer.size());
            } catch (IOException e) {
                fail(e);
                try {
                    channel.truncate(flushedSize);
                } catch (IOException truncateFailure) {
                    e.addSuppressed(truncateFailure);
                }
                throw e;
            }
            flushedSize += buffer.size();
            buffer.reset();
        }
    }

    /** Flushes, then fsyncs the file's data. */
    public void sync() throws IOException {
        flush();
        try {
            channel.force(false);
        } catch (IOException e) {
            synchronized (this) {
                fail(e); // after a failed fsync the state of the written pages is unknown
            }
            throw e;
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
        try {
            synchronized (this) {
                if (failure == null) {
                    flush();
                }
            }
        } finally {
            channel.close();
        }
    }
}
