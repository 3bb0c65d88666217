package io.lightningdb.internal.util;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * A {@link FileChannel} that interrupts cannot break. A {@code FileChannel} is interruptible: an
 * operation by a thread whose interrupt flag is set, or one that is interrupted while the operation
 * runs, closes the channel for every thread. A database must not let a cancelled task (a Spring
 * {@code @Async} method, an executor's {@code shutdownNow}) break a file the whole process shares.
 *
 * <p>So each operation here holds back the caller's interrupt while it runs and restores it
 * afterwards; and if an interrupt lands mid-operation anyway (another thread interrupting this one),
 * the channel is reopened and the operation run again on the new one. Operations must therefore be
 * safe to repeat: positional reads and writes, {@code force}, {@code map}, {@code truncate} — never
 * anything that uses the channel's own position. An fsync repeated on a reopened channel covers the
 * writes made through the old one: it syncs the file, not the descriptor.
 *
 * <p>Only {@link #close()} stops the reopening. Thread-safe.
 */
public final class InterruptSafeChannel implements AutoCloseable {
    /** Opens the file again, as it is: no truncation, no creation. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open() throws IOException;
    }

    /** An operation on the channel that is safe to run again from the start. */
    @FunctionalInterface
    public interface Operation<T> {
        T apply(FileChannel channel) throws IOException;
    }

    /** Like {@link Operation}, without a result. */
    @FunctionalInterface
    public interface Action {
        void run(FileChannel channel) throws IOException;
    }

    private final Opener reopener;
    private volatile FileChannel channel;
    private boolean closed; // guarded by this

    private InterruptSafeChannel(FileChannel channel, Opener reopener) {
        this.channel = channel;
        this.reopener = reopener;
    }

    /**
     * Opens the channel with {@code opener}, and later reopens it with {@code reopener}; an
     * interrupt of the caller does not fail the open.
     */
    public static InterruptSafeChannel open(Opener opener, Opener reopener) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return new InterruptSafeChannel(opener.open(), reopener);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code operation}, again on a reopened channel for as long as interrupts close it. */
    public <T> T call(Operation<T> operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) { // each retry ends in a result or an error; only close() stops reopening
                FileChannel ch = channel;
                try {
                    return operation.apply(ch);
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

    /** Like {@link #call}, for an operation without a result. */
    public void run(Action action) throws IOException {
        call(ch -> {
            action.run(ch);
            return null;
        });
    }

    /** Replaces {@code broken} with a new channel, unless this was closed; false if it was. */
    private synchronized boolean reopen(FileChannel broken) throws IOException {
        if (closed) {
            return false;
        }
        if (channel == broken) {
            channel = reopener.open();
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
