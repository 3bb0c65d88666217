package io.lightningdb.internal.wal;

import io.lightningdb.internal.util.InterruptSafeChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory-mapped windows a {@link LogWriter} copies records into: one window of {@code size}
 * bytes written at a time, the ones written since the last sync kept for {@link #force}, and every
 * window the writer has moved past unmapped once forced. Unmapping is explicit because the JDK
 * otherwise keeps a mapping until its buffer is garbage collected, which also keeps the disk blocks
 * of a deleted log segment allocated until then.
 *
 * <p>Not thread-safe: the writer calls {@link #put} under its monitor, and serializes {@link
 * #force} and {@link #close} with its sync lock.
 */
final class MappedWindows {
    private static final MethodHandle UNMAP = unmapper();

    private final InterruptSafeChannel channel;
    private final int size;
    private MappedByteBuffer current;
    private long currentStart = -1;
    private final List<MappedByteBuffer> written = new ArrayList<>(); // since the last force, current last

    MappedWindows(InterruptSafeChannel channel, int size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Copies {@code len} bytes to file offset {@code at}, which must lie in the window starting at
     * {@code windowStart} (a multiple of the window size) along with all {@code len} bytes.
     *
     * @throws IOException if the window cannot be mapped
     * @throws UnsupportedOperationException if the channel cannot map for writing
     */
    void put(long windowStart, long at, byte[] src, int off, int len) throws IOException {
        if (windowStart != currentStart) {
            current = channel.call(ch -> ch.map(FileChannel.MapMode.READ_WRITE, windowStart, size));
            currentStart = windowStart;
        }
        if (written.isEmpty() || written.get(written.size() - 1) != current) {
            written.add(current);
        }
        current.put((int) (at - windowStart), src, off, len);
    }

    /** The windows written since the last call; pass them to {@link #force} outside the monitor. */
    List<MappedByteBuffer> takeWritten() {
        List<MappedByteBuffer> taken = List.copyOf(written);
        written.clear();
        if (!taken.isEmpty() && taken.get(taken.size() - 1) == current) {
            written.add(current); // still taking records: forced again at the next sync
        }
        return taken;
    }

    /** Forces {@code windows} to disk, then unmaps those the writer has moved past. */
    void force(List<MappedByteBuffer> windows) throws IOException {
        for (MappedByteBuffer w : windows) {
            try {
                w.force(); // fsync is only guaranteed to cover what went through the channel
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * Unmaps those of {@code windows} (forced by the caller) that the writer has moved past and not
     * written since: they will never be written again.
     */
    void release(List<MappedByteBuffer> windows) {
        for (MappedByteBuffer w : windows) {
            if (!written.contains(w)) {
                unmap(w);
            }
        }
    }

    /** Unmaps every window; the file below them may shrink afterwards. */
    void close() {
        for (MappedByteBuffer w : written) {
            if (w != current) {
                unmap(w);
            }
        }
        if (current != null) {
            unmap(current);
        }
        written.clear();
        current = null;
        currentStart = -1;
    }

    private static void unmap(MappedByteBuffer w) {
        if (UNMAP != null) {
            try {
                UNMAP.invokeExact((ByteBuffer) w);
            } catch (Throwable e) {
                // left to the garbage collector, as without the unmapper
            }
        }
    }

    /** {@code sun.misc.Unsafe.invokeCleaner}, bound, or null where the JDK does not offer it. */
    private static MethodHandle unmapper() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
