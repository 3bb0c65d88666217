package io.lightningdb.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FileChannel} that delegates to a real one and fails as its {@link Faults} say: writes fail
 * with {@code "No space left on device"} once the byte budget is spent (a full disk, optionally after
 * a short write that uses up the last bytes), and {@link #force} fails like a failed fsync. Reads,
 * positioning and truncation always pass through.
 *
 * <p>A channel opened for direct I/O writes whole blocks, so a short write stops at a block
 * boundary (or, with less than a block left, the write fails whole); one opened with {@code DSYNC}
 * syncs every write, so a failed fsync fails its writes.
 */
final class FaultyFileChannel extends FileChannel {
    static final String NO_SPACE = "No space left on device";
    static final String FSYNC_FAILED = "fsync failed: Input/output error";
    static final String INVALID_ARGUMENT = "Invalid argument";

    private final FileChannel delegate;
    private final Path path;
    private final Faults faults;
    private final int granule; // bytes a short write is a multiple of: the block size for direct I/O
    private final boolean syncsEachWrite;

    FaultyFileChannel(FileChannel delegate, Path path, Faults faults, int granule, boolean syncsEachWrite) {
        this.delegate = delegate;
        this.path = path;
        this.faults = faults;
        this.granule = granule;
        this.syncsEachWrite = syncsEachWrite;
    }

    Path path() {
        return path;
    }

    /**
     * Switchable failures and counters, shared by every channel opened on the same simulated disk, so
     * that arming them affects channels opened before as well as after. Thread-safe.
     */
    static final class Faults {
        private static final long UNLIMITED = Long.MAX_VALUE;

        private final AtomicLong budget = new AtomicLong(UNLIMITED);
        private volatile boolean shortWrites;
        private volatile boolean failForce;
        private volatile boolean writableMaps;
        private volatile boolean refuseDirectWrites;
        private final AtomicLong bytesWritten = new AtomicLong();
        private final AtomicLong writesFailed = new AtomicLong();
        private final AtomicLong shortWritesMade = new AtomicLong();
        private final AtomicLong forces = new AtomicLong();
        private final AtomicLong forcesFailed = new AtomicLong();

        /**
         * The disk fills up after {@code bytes} more bytes. With {@code shortWrite}, the write that
         * crosses the limit writes what still fits and reports a short count (the next one fails);
         * without, it fails whole.
         */
        void fullDiskAfter(long bytes, boolean shortWrite) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
            }
            shortWrites = shortWrite;
            budget.set(bytes);
        }

        /** Makes every {@link FileChannel#force} fail, or succeed again. */
        void failForce(boolean fail) {
            failForce = fail;
        }

        /**
         * Lets the engine map files for writing. Off by default, so writes go through {@code write()}
         * where every byte is counted; the engine maps only space it has first filled with zeros
         * through {@code write()}, so a mapping never uses bytes the budget did not grant.
         */
        void allowWritableMaps() {
            writableMaps = true;
        }

        /**
         * Makes every write of a channel opened for direct I/O fail as a file system does that takes
         * {@code O_DIRECT} at open but not the writes ({@code EINVAL}).
         */
        void refuseDirectWrites() {
            refuseDirectWrites = true;
        }

        /** Frees the disk and lets fsync succeed again. */
        void heal() {
            budget.set(UNLIMITED);
            failForce = false;
        }

        long bytesWritten() {
            return bytesWritten.get();
        }

        long writesFailed() {
            return writesFailed.get();
        }

        long shortWritesMade() {
            return shortWritesMade.get();
        }

        long forces() {
            return forces.get();
        }

        long forcesFailed() {
            return forcesFailed.get();
        }

        /** How many of {@code requested} bytes may be written now; throws when the disk is full. */
        private int reserve(int requested, int granule) throws IOException {
            while (true) {
                long left = budget.get();
                if (left == UNLIMITED) {
                    return requested;
                }
                if (left >= requested) {
                    if (budget.compareAndSet(left, left - requested)) {
                        return requested;
                    }
                    continue;
                }
                long part = left / granule * granule;
                if (part > 0 && shortWrites) {
                    if (budget.compareAndSet(left, left - part)) {
                        shortWritesMade.incrementAndGet();
                        return (int) part;
                    }
                    continue;
                }
                // A write that does not fit fails whole, and the disk stays full.
                if (budget.compareAndSet(left, 0)) {
                    writesFailed.incrementAndGet();
                    throw new IOException(NO_SPACE);
                }
            }
        }

        private void refund(long bytes) {
            budget.getAndUpdate(b -> b == UNLIMITED ? b : b + bytes);
        }

        private void checkForce() throws IOException {
            if (failForce) {
                forcesFailed.incrementAndGet();
                throw new IOException(FSYNC_FAILED);
            }
            forces.incrementAndGet();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return write(src, -1);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        int requested = src.remaining();
        if (requested == 0) {
            return position < 0 ? delegate.write(src) : delegate.write(src, position);
        }
        if (granule > 1 && faults.refuseDirectWrites) {
            faults.writesFailed.incrementAndGet();
            throw new IOException(INVALID_ARGUMENT);
        }
        int allowed = faults.reserve(requested, granule);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + allowed);
        int written = position < 0 ? delegate.write(part) : delegate.write(part, position);
        src.position(src.position() + written);
        faults.refund(allowed - written);
        faults.bytesWritten.addAndGet(written);
        if (syncsEachWrite) {
            faults.checkForce();
        }
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int want = srcs[i].remaining();
            int written;
            try {
                written = write(srcs[i]);
            } catch (IOException e) {
                if (total > 0) {
                    return total; // report the bytes that made it; the next call fails
                }
                throw e;
            }
            total += written;
            if (written < want) {
                break;
            }
        }
        return total;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long total = 0;
        while (total < count) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), count - total));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                total += write(buf, position + total);
            }
        }
        return total;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        faults.checkForce();
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        if (mode != MapMode.READ_ONLY && !faults.writableMaps) {
            // Refused like a channel that cannot map: the engine falls back to write().
            throw new UnsupportedOperationException("writable mappings are off for " + path);
        }
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FaultyFileChannel[" + path + "]";
    }
}
