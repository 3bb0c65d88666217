package io.lightningdb.internal.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that many threads read with positional reads, and that an interrupted reader cannot break
 * for the others (see {@link InterruptSafeChannel}: a cancelled task reading one block would
 * otherwise leave a table unreadable for the rest of the process). Fit for immutable files only,
 * as a reopened channel must see the same bytes. Thread-safe.
 */
public final class ReadOnlyFile implements AutoCloseable {
    private final Path path;
    private final InterruptSafeChannel channel;
    private final long size; // read once: the file does not change

    private ReadOnlyFile(Path path, InterruptSafeChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.call(FileChannel::size);
    }

    /** Opens {@code path} for reading; an interrupt of the caller does not fail the open. */
    public static ReadOnlyFile open(Path path) throws IOException {
        InterruptSafeChannel.Opener opener = () -> FileChannel.open(path, StandardOpenOption.READ);
        InterruptSafeChannel channel = InterruptSafeChannel.open(opener, opener);
        try {
            return new ReadOnlyFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
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
        return channel.call(ch -> FileIo.readFully(ch, position, b, off, len));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
