package io.lightningdb.internal.util;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that many threads read with positional reads, and that an interrupted reader cannot break
 * for the others. A {@link FileChannel} is interruptible: a read by a thread whose interrupt flag is
 * set closes the channel for every thread (a cancelled task reading one block would leave a table
 * unreadable for the rest of the process). Here a read holds back the caller's interrupt while it
 * runs and restores it afterwards; if an interrupt arrives mid-read anyway, the channel is reopened
 * and the read retried. Fit for immutable files only, as a reopened channel must see the same bytes.
 * Thread-safe.
 */
public final class ReadOnlyFile implements AutoCloseable {
    private final Path path;
    private final long size; // read once: the file does not change, and size() is interruptible too
    private volatile FileChannel channel;
    private boolean closed; // guarded by this

    private ReadOnlyFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    /** Opens {@code path} for reading; an interrupt of the caller does not fail the open. */
    public static ReadOnlyFile open(Path path) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                return new ReadOnlyFile(path, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The file's size when it was opened. */
    public long size() {
        return size;
    }

    /**
     * Reads up to {@code len} bytes at {@code position} into {@code b}; fewer only at the end of the
     * file. Returns how many it read.
     */
    public int readFully(long position, byte[] b, int off, int len) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) { // each retry ends in a read or in an error; only close() stops reopening
                FileChannel ch = channel;
                try {
                    return FileIo.readFully(ch, position, b, off, len);
                } catch (ClosedChannelException e) { // an interrupt closed it, in this thread or another
                    interrupted |= Thread.interrupted();
                    if (!reopen(ch)) {
                        throw e;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Replaces {@code broken} with a new channel, unless this file was closed; false if it was. */
    private synchronized boolean reopen(FileChannel broken) throws IOException {
        if (closed) {
            return false;
        }
        if (channel == broken) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
