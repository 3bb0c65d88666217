package io.lightningdb.internal.db;

import io.lightningdb.internal.key.Mutation;
import java.util.concurrent.locks.LockSupport;

/**
 * A queued write: mutations to apply (validated first when they come from a transaction), or, with
 * none, a request to switch the memtable (flush), to close, or to run a barrier.
 *
 * <p>A writer that is not at the head of the queue waits until the leader either commits it
 * ({@link #finish()}) or hands it the lead ({@link #lead()}): it spins or yields a little first (see
 * {@link FollowerWait}), then parks. The leader wakes each writer itself,
 * and a committed writer returns without taking the engine's lock: waking followers through a lock
 * condition made each reacquire the lock in turn, one wake-up after another (sixteen writers on two
 * cores: the gap between two fsyncs was nearly as long as an fsync).
 */
final class Writer {
    private static final int WAITING = 0;
    private static final int DONE = 1;
    private static final int LEADING = 2;

    /**
     * An array, whatever the caller passed: one container type keeps the JIT's type profile of the
     * write path monomorphic, so a batch after single puts does not deoptimize it.
     */
    final Mutation[] mutations;

    final long bytes; // approximate log bytes, for the group size limit
    final TransactionImpl txn;
    final boolean closeRequest;
    final Runnable barrier; // runs at the head of the queue, with no commit in flight
    RuntimeException error; // written by the leader before finish(), read by this writer after it
    boolean interrupted; // an interrupt of this writer's thread, held back until its write is done

    private final Thread thread = Thread.currentThread();
    private volatile int state; // WAITING; not initialized explicitly: that would be a volatile store

    Writer(Mutation[] mutations, TransactionImpl txn, boolean closeRequest) {
        this(mutations, txn, closeRequest, null);
    }

    Writer(Mutation[] mutations, TransactionImpl txn, boolean closeRequest, Runnable barrier) {
        this.mutations = mutations;
        this.txn = txn;
        this.closeRequest = closeRequest;
        this.barrier = barrier;
        long n = 0;
        for (Mutation m : mutations) {
            n += m.encodedSize();
        }
        this.bytes = n;
    }

    boolean isFlushRequest() {
        return mutations.length == 0 && !closeRequest && barrier == null;
    }

    /** Called by the leader: this writer's work is done, {@link #error} says how it ended. */
    void finish() {
        state = DONE;
        LockSupport.unpark(thread);
    }

    /** Called by the leader, leaving: this writer is now at the head of the queue. */
    void lead() {
        state = LEADING;
        LockSupport.unpark(thread);
    }

    /**
     * Waits, on the calling thread (this writer's), until a leader finished it (returns false) or
     * handed it the lead (returns true): spinning for up to {@code spinNanos} first, then yielding
     * the core for up to {@code yieldNanos}, then parked; {@link FollowerWait} says when each pays.
     * Not interruptible, as a commit in flight cannot be called back; an interrupt is held back in
     * {@link #interrupted}.
     */
    boolean awaitTurn(long spinNanos, long yieldNanos) {
        if (spinNanos > 0) {
            long deadline = System.nanoTime() + spinNanos;
            for (int i = 1; state == WAITING; i++) {
                Thread.onSpinWait();
                if ((i & 31) == 0 && System.nanoTime() - deadline > 0) { // a clock read costs more than a spin
                    break;
                }
            }
        }
        if (yieldNanos > 0) {
            long deadline = System.nanoTime() + yieldNanos;
            while (state == WAITING && System.nanoTime() - deadline < 0) { // a yield costs more than a clock read
                Thread.yield();
            }
        }
        int s;
        while ((s = state) == WAITING) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        return s == LEADING;
    }
}
