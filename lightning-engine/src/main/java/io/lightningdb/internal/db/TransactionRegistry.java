package io.lightningdb.internal.db;

import io.lightningdb.KeyRange;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionLimitException;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionTimeoutException;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.txn.ConflictTracker;
import io.lightningdb.internal.txn.SnapshotRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bookkeeping of snapshots and open transactions: which sequence numbers are pinned (compaction
 * must keep what they see), which transactions are open (the limit, timeouts), and which keys were
 * committed while they are open (commit validation). Not thread-safe: every method runs under the
 * database lock.
 */
final class TransactionRegistry {
    private final SnapshotRegistry snapshots = new SnapshotRegistry();
    private final Set<TransactionImpl> active = new HashSet<>();
    private final ConflictTracker conflicts = new ConflictTracker();
    private final EngineCounters counters;

    TransactionRegistry(EngineCounters counters) {
        this.counters = counters;
    }

    void pinSnapshot(long seq) {
        snapshots.pin(seq);
    }

    void unpinSnapshot(long seq) {
        snapshots.unpin(seq);
    }

    /** The oldest pinned sequence number, or {@code otherwise} when nothing is pinned. */
    long oldestPinned(long otherwise) {
        return snapshots.oldest(otherwise);
    }

    int activeSnapshots() {
        return snapshots.count();
    }

    int activeTransactions() {
        return active.size();
    }

    /** Opens a transaction reading at {@code seq}, unless {@code maxActive} are already open. */
    TransactionImpl begin(DbImpl db, TransactionOptions options, long seq, long deadlineMillis, int maxActive) {
        if (active.size() >= maxActive) {
            throw new TransactionLimitException(maxActive);
        }
        TransactionImpl tx = new TransactionImpl(db, options, seq, deadlineMillis);
        snapshots.pin(seq);
        active.add(tx);
        counters.transactionsStarted.increment();
        return tx;
    }

    /** Records how {@code tx} ended; a no-op when it already has. */
    void finish(TransactionImpl tx, TransactionImpl.State outcome) {
        TransactionImpl.State s = tx.state();
        if (s != TransactionImpl.State.ACTIVE && s != TransactionImpl.State.COMMITTING) {
            return;
        }
        tx.state(outcome);
        active.remove(tx);
        snapshots.unpin(tx.snapshot());
        if (active.isEmpty()) {
            conflicts.clear();
        }
        if (outcome == TransactionImpl.State.COMMITTED) {
            counters.transactionsCommitted.increment();
        } else {
            counters.transactionsRolledBack.increment();
        }
    }

    /**
     * Rolls back transactions past their deadline, so an abandoned transaction cannot pin old
     * versions or hold a slot forever.
     */
    void expireOverdue(long nowMillis) {
        if (active.isEmpty()) {
            return;
        }
        for (TransactionImpl tx : new ArrayList<>(active)) {
            if (tx.state() == TransactionImpl.State.ACTIVE && nowMillis > tx.deadlineMillis()) {
                finish(tx, TransactionImpl.State.TIMED_OUT);
            }
        }
    }

    /**
     * Checks a committing transaction against every commit after its snapshot: those already
     * published (in the conflict tracker) and those ahead of it in the same commit group ({@code
     * groupKeys}). Returns the error to fail it with, or null.
     */
    RuntimeException validate(TransactionImpl tx, TreeSet<byte[]> groupKeys, long nowMillis) {
        if (tx.state() != TransactionImpl.State.ACTIVE || nowMillis > tx.deadlineMillis()) {
            return new TransactionTimeoutException("Transaction timed out before it could commit");
        }
        long snapshot = tx.snapshot();
        for (byte[] key : tx.writtenKeys()) {
            if (conflicts.changedAfter(key, snapshot) || groupKeys.contains(key)) {
                return new TransactionConflictException(key);
            }
        }
        if (tx.serializable()) {
            for (byte[] key : tx.readKeys()) {
                if (conflicts.changedAfter(key, snapshot) || groupKeys.contains(key)) {
                    return new TransactionConflictException(key);
                }
            }
            for (KeyRange range : tx.scannedRanges()) {
                byte[] start = range.start();
                byte[] end = range.end();
                byte[] changed = conflicts.firstChangedInRange(start, end, snapshot);
                if (changed == null) {
                    changed = firstInRange(groupKeys, start, end);
                }
                if (changed != null) {
                    return new TransactionConflictException(changed);
                }
            }
        }
        return null;
    }

    private static byte[] firstInRange(TreeSet<byte[]> keys, byte[] start, byte[] end) {
        byte[] k = start == null ? (keys.isEmpty() ? null : keys.first()) : keys.ceiling(start);
        return k != null && (end == null || Arrays.compareUnsigned(k, end) < 0) ? k : null;
    }

    /**
     * Remembers committed keys for the validation of open transactions: {@code groups} got
     * consecutive sequence numbers from {@code first}. The write path calls it only while {@link
     * #activeTransactions} is above zero, so that it builds {@code groups} only then.
     */
    void recordCommitted(List<Mutation[]> groups, long first, long visibleSequence) {
        long seq = first;
        for (Mutation[] mutations : groups) {
            for (Mutation m : mutations) {
                conflicts.record(m.key().clone(), seq++); // callers may reuse their arrays
            }
        }
        conflicts.pruneIfLarge(snapshots.oldest(visibleSequence));
    }
}
