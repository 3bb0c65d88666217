package io.lightningdb.internal.wal;

import com.sun.nio.file.ExtendedOpenOption;
import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.util.InterruptSafeChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * How a log that is fsynced on every commit writes, where the file system allows it: direct,
 * synchronous writes ({@code O_DIRECT | O_DSYNC}). Each write goes from an aligned buffer to the
 * device and returns once the data is durable, so one call does what {@code write()} and {@code
 * fdatasync()} did, without the copy into the page cache and its writeback. On this project's test
 * machine (ext4 on a virtual disk) a 130-byte record and its sync ran at 1.05–1.16x the rate of
 * {@code write()} and {@code fdatasync()}, about 1.05x through the engine with one writer (no
 * change with four or sixteen); a direct write followed by an fsync was slower than either (the
 * data and the cache flush then go to the device one after the other).
 *
 * <p>Direct I/O moves whole blocks at block-aligned offsets. The file's last, partly written block
 * stays in the buffer and is written again, with the next records after it, zero-padded to the
 * block's end. The padding lands on zeros {@link LogWriter} preallocated (through this class too,
 * so no page of the file is ever in the page cache to be written back), so the file reads exactly
 * as if it had been written byte by byte. Rewriting a block that holds synced records risks what a
 * buffered log already risks: writeback writes whole pages too.
 *
 * <p>Not thread-safe: the writer calls it under its monitor.
 */
final class DirectLog implements AutoCloseable {
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int ZERO_BYTES = 64 * 1024;
    private static final int MAX_BLOCK = 64 * 1024;
    private static final Set<OpenOption> OPTIONS =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.DSYNC, ExtendedOpenOption.DIRECT);

    private final InterruptSafeChannel channel;
    private final int block;
    private final ByteBuffer buffer; // aligned; [0, tailBytes) are the bytes of the file's partial last block
    private final ByteBuffer zeros; // aligned, only ever read
    private final byte[] padding;
    private long blockStart; // file offset of buffer[0]: the start of the block the next record lands in
    private int tailBytes;

    private DirectLog(InterruptSafeChannel channel, int block) {
        this.channel = channel;
        this.block = block;
        this.buffer = ByteBuffer.allocateDirect(BUFFER_BYTES + block).alignedSlice(block);
        this.zeros = ByteBuffer.allocateDirect(ZERO_BYTES + block).alignedSlice(block);
        this.padding = new byte[block];
    }

    /**
     * Opens the empty log at {@code path} a second time for direct, synchronous writes, or returns
     * null if its file system (or {@code channels}) does not take them, or its block size does not
     * divide {@code step}, the writer's preallocation step.
     */
    static DirectLog open(WriteChannelFactory channels, Path path, int step) {
        int block;
        try {
            long size = Files.getFileStore(path).getBlockSize();
            if (size <= 0 || size > MAX_BLOCK || Long.bitCount(size) != 1 || step % size != 0) {
                return null;
            }
            block = (int) size;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        try {
            return new DirectLog(
                    InterruptSafeChannel.open(() -> open(channels, path), () -> open(channels, path)), block);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null; // O_DIRECT refused: tmpfs on older kernels, some network and FUSE file systems
        }
    }

    private static FileChannel open(WriteChannelFactory channels, Path path) throws IOException {
        return channels.open(path, OPTIONS);
    }

    /**
     * Writes zeros from {@code from} up to {@code to}, both multiples of the block size and at or
     * past every record. Each write is durable when it returns.
     */
    void writeZeros(long from, long to) throws IOException {
        if (from % block != 0 || to % block != 0 || from < blockStart + tailBytes) {
            throw new IllegalArgumentException("unaligned or overlapping zeros: " + from + ".." + to);
        }
        for (long at = from; at < to; ) {
            int length = (int) Math.min(ZERO_BYTES, to - at);
            writeFully(zeros, length, at);
            at += length;
        }
    }

    /**
     * Writes {@code len} bytes of {@code src} at {@code at}, the end of everything written so far,
     * durably. Space up to the end of the last block written must be preallocated with zeros.
     */
    void write(long at, byte[] src, int off, int len) throws IOException {
        if (at != blockStart + tailBytes) {
            throw new IllegalStateException("direct log at " + (blockStart + tailBytes) + ", asked to write at " + at);
        }
        int done = 0;
        while (done < len) {
            int take = Math.min(len - done, BUFFER_BYTES - tailBytes);
            buffer.put(tailBytes, src, off + done, take);
            int filled = tailBytes + take;
            int end = (filled + block - 1) / block * block;
            buffer.put(filled, padding, 0, end - filled); // stale bytes of an earlier, longer write
            writeFully(buffer, end, blockStart);
            done += take;
            int whole = filled / block * block;
            tailBytes = filled - whole;
            if (whole > 0 && tailBytes > 0) {
                buffer.put(0, buffer, whole, tailBytes); // no overlap: whole >= block > tailBytes
            }
            blockStart += whole;
        }
    }

    private void writeFully(ByteBuffer from, int length, long position) throws IOException {
        channel.run(ch -> {
            ByteBuffer view = from.duplicate().position(0).limit(length); // fresh for each try
            while (view.hasRemaining()) {
                ch.write(view, position + view.position());
            }
        });
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
