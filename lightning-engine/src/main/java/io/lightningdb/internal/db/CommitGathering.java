package io.lightningdb.internal.db;

/**
 * How long a group-commit leader waits for the writers of the previous group to queue again, when
 * every commit is fsynced. Writers that commit in a loop come back a wake-up after their group is
 * done; without the wait the first one back leads a group of one, the rest queue behind its fsync,
 * and groups alternate small and large (four writers on two cores: groups of one and three, 2.2x
 * the single-writer rate). Waiting a fraction of an fsync for them lets one fsync carry all of them
 * (groups of four, 2.5–2.9x: the wake-ups now sit between two fsyncs).
 *
 * <p>The wait is bounded twice: it ends when as many writers as the previous group had have queued,
 * and at a deadline set when that group finished (half as long as its commit took, at most {@link
 * #MAX_WAIT_NANOS}), so a writer arriving long after the last group never waits, and a writer
 * that does not come back costs one bounded wait. Guarded by the engine's lock, but for {@link
 * #awaiting()}, which a leader that yields while it waits reads without the lock.
 */
final class CommitGathering {
    static final long MAX_WAIT_NANOS = 1_000_000;

    private int returning; // writers of the last group that have not queued again
    private long deadline; // System.nanoTime() after which they are not waited for
    private volatile boolean awaiting; // returning > 0, for readers without the lock

    /** A group of {@code writers} finished at {@code now}; its commit took {@code commitNanos}. */
    void groupDone(int writers, long commitNanos, long now) {
        returning = writers;
        deadline = now + Math.min(commitNanos / 2, MAX_WAIT_NANOS);
        awaiting = writers > 0;
    }

    /** A writer queued; returns true when no more are awaited, so a waiting leader can go on. */
    boolean writerQueued() {
        if (returning > 0) {
            returning--;
            awaiting = returning > 0;
            return returning == 0;
        }
        return false;
    }

    /**
     * Whether writers of the last group are still awaited; may be read without the lock. Once false
     * it stays false until the next {@link #groupDone}.
     */
    boolean awaiting() {
        return awaiting;
    }

    /** How long a leader should still wait at {@code now}; 0 means lead now. */
    long nanosToWait(long now) {
        if (returning == 0) {
            return 0;
        }
        long left = deadline - now;
        if (left <= 0) {
            returning = 0; // they are not coming back soon; don't wait for them again
            awaiting = false;
            return 0;
        }
        return left;
    }
}
