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
 * bytes written at a time, and the ones the writer has moved past since the last sync, which that
 * sync unmaps. Unmapping is explicit because the JDK otherwise keeps a mapping until its buffer is
 * garbage collected, which also keeps the disk blocks of a deleted log segment allocated until then.
 *
 * <p>A sync unmaps the windows the writer has left <em>before</em> its fsync. Writing back a page
 * that is still mapped makes the kernel write-protect it in the mapping first, a TLB shootdown
 * per 4 KiB page that interrupts the writer's core. Forcing the last 100 ms of records through
 * their mappings took 10x the shootdowns per put, and puts ran 2-3x slower from about 32 MiB into
 * each 64 MiB segment (why only from there is not understood). Unmapped, the windows' pages are
 * plain dirty pages of the file's page cache (a shared mapping's pages are the file's cached
 * pages), which the fsync writes back like those of {@code write()}; only the window still taking
 * records is forced through its mapping.
 *
 * <p>Not thread-safe: the writer calls {@link #put} and {@link #takeWritten} under its monitor, and
 * serializes {@link #force} and {@link #close} with its sync lock.
 */
final class MappedWindows {
    private static final MethodHandle UNMAP = unmapper();

    private final InterruptSafeChannel channel;
    private final int size;
    private MappedByteBuffer current;
    private long currentStart = -1;
    private boolean currentWritten; // since the last takeWritten
    private final List<MappedByteBuffer> passed = new ArrayList<>(); // moved past since the last takeWritten

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
            MappedByteBuffer next = channel.call(ch -> ch.map(FileChannel.MapMode.READ_WRITE, windowStart, size));
            if (current != null) {
                passed.add(current); // records only go forward: never written again
            }
            current = next;
            currentStart = windowStart;
        }
        currentWritten = true;
        current.put((int) (at - windowStart), src, off, len);
    }

    /** What the writer wrote since the last call; pass it to {@link #force} outside the monitor. */
    Written takeWritten() {
        Written written = new Written(List.copyOf(passed), currentWritten ? current : null);
        passed.clear();
        currentWritten = false;
        return written;
    }

    /**
     * Unmaps the windows the writer has left, which leaves their changes in the page cache for the
     * caller's fsync (a window that cannot be unmapped is forced instead), then forces the window it
     * is in. The caller fsyncs the file afterwards.
     */
    void force(Written written) throws IOException {
        for (MappedByteBuffer window : written.passed) {
            if (!unmap(window)) {
                force(window); // still mapped: only forcing it is sure to cover it
            }
        }
        if (written.current != null) {
            force(written.current);
        }
    }

    private static void force(MappedByteBuffer window) throws IOException {
        try {
            window.force(); // fsync is only guaranteed to cover what went through the channel
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Unmaps every window; the file below them may shrink afterwards. */
    void close() {
        passed.forEach(MappedWindows::unmap);
        passed.clear();
        if (current != null) {
            unmap(current);
        }
        current = null;
        currentStart = -1;
    }

    /** Windows written since a sync: those the writer has moved past, and the one it is in (null if unwritten). */
    record Written(List<MappedByteBuffer> passed, MappedByteBuffer current) {}

    /** Unmaps the window; false if it stays mapped until garbage collection (no unmapper here). */
    private static boolean unmap(MappedByteBuffer w) {
        if (UNMAP == null) {
            return false;
        }
        try {
            UNMAP.invokeExact((ByteBuffer) w);
            return true;
        } catch (Throwable e) {
            return false;
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
