package io.lightningdb.internal.db;

import io.lightningdb.LightningConfig;
import io.lightningdb.WalSyncMode;

/**
 * How a writer queued behind a group-commit leader waits for its turn before it parks ({@link
 * Writer#awaitTurn}). On a virtual machine a parked thread takes tens of microseconds to run again,
 * so a follower that parks at once adds a wake-up to every commit it waits for:
 *
 * <ul>
 *   <li>When no commit waits for an fsync, a commit takes a microsecond or two: the follower spins
 *       for up to {@link #SPIN_NANOS}. Two writers on two cores parked and woke on one put in a
 *       few, which made a put's p99 latency 42-54 µs against 7-12 with the spin.
 *   <li>When every commit is fsynced, the follower waits an fsync or two, and spinning that long
 *       took the cores the leader needed to return from its fsync (four writers on two cores:
 *       27-30k fsynced puts/s fell to 20k with 20 µs of spinning). It yields instead ({@link
 *       Thread#yield}): a core is left to the leader whenever it has work, and the follower sees its
 *       turn as soon as it comes. It yields for up to {@link #YIELD_COMMITS} commits as long as the
 *       last one took, and not at all once a commit takes over {@link #MAX_YIELDING_COMMIT_NANOS}
 *       (a slow disk): a wake-up is small beside such a commit, and yielding through it would keep
 *       a core busy for nothing. Yielding costs CPU time (four writers on two cores: about 1.3x per
 *       fsynced put, for 1.35x the puts per second), so {@link LightningConfig#groupCommitYield()}
 *       can turn it off.
 * </ul>
 *
 * Leaders report each fsynced commit's duration; followers read it without a lock.
 */
final class FollowerWait {
    static final long SPIN_NANOS = 20_000;
    static final int YIELD_COMMITS = 3;
    static final long MAX_YIELDING_COMMIT_NANOS = 300_000;

    private final boolean syncEachCommit;
    private final boolean yieldThroughFsync;
    private volatile long lastCommitNanos; // an fsynced commit's duration; 0 before the first

    /** For a database configured so: its sync mode and {@link LightningConfig#groupCommitYield()}. */
    FollowerWait(LightningConfig config) {
        this.syncEachCommit = config.walSyncMode() == WalSyncMode.SYNC;
        this.yieldThroughFsync = config.groupCommitYield();
    }

    /** A leader's fsynced commit took {@code nanos}. */
    void commitTook(long nanos) {
        lastCommitNanos = nanos;
    }

    /** How long a follower spins before it yields or parks. */
    long spinNanos() {
        return syncEachCommit ? 0 : SPIN_NANOS;
    }

    /** How long a follower yields before it parks. */
    long yieldNanos() {
        if (!syncEachCommit || !yieldThroughFsync) {
            return 0;
        }
        long commit = lastCommitNanos;
        return commit > MAX_YIELDING_COMMIT_NANOS ? 0 : YIELD_COMMITS * commit;
    }
}
