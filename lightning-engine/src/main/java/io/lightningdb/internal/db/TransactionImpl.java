package io.lightningdb.internal.db;

import io.lightningdb.IsolationLevel;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionTimeoutException;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.txn.BufferedScanIterator;
import io.lightningdb.internal.txn.WriteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An optimistic transaction: reads at a pinned snapshot, buffers writes, and hands them to the
 * group-commit queue at commit, where the leader validates them against the commits made since the
 * snapshot. Under SERIALIZABLE it also records what it read so reads can be validated too.
 */
final class TransactionImpl implements Transaction {
    /** Life cycle; only ACTIVE accepts operations. */
    enum State {
        ACTIVE,
        COMMITTING,
        COMMITTED,
        ROLLED_BACK,
        TIMED_OUT
    }

    private final DbImpl db;
    private final TransactionOptions options;
    private final long snapshot;
    private final long deadlineMillis;
    private final WriteBuffer writes = new WriteBuffer();
    private final TreeSet<byte[]> readKeys = new TreeSet<>(Arrays::compareUnsigned);
    private final List<KeyRange> scannedRanges = new ArrayList<>();
    private volatile State state = State.ACTIVE; // the database may time it out from another thread

    TransactionImpl(DbImpl db, TransactionOptions options, long snapshot, long deadlineMillis) {
        this.db = db;
        this.options = options;
        this.snapshot = snapshot;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public byte[] get(byte[] key) {
        ensureUsable();
        db.validateKey(key);
        WriteBuffer.Write own = writes.get(key);
        if (own != null) {
            return own.isDelete() ? null : own.value().clone();
        }
        if (serializable()) {
            readKeys.add(key.clone());
        }
        return db.getAt(key, snapshot);
    }

    @Override
    public List<byte[]> getBatch(List<byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        List<byte[]> result = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            result.add(get(key));
        }
        return result;
    }

    @Override
    public KvIterator scan(KeyRange range) {
        Objects.requireNonNull(range, "range");
        ensureUsable();
        if (serializable()) {
            scannedRanges.add(range);
        }
        // Copy the buffered entries so the transaction may keep writing while the scan is open.
        var buffered = new ArrayList<>(
                writes.range(range.start(), range.end(), range.isReverse()).entrySet());
        return new BufferedScanIterator(
                db.scanAt(range, snapshot), buffered.iterator(), range.isReverse(), this::ensureUsable);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        prepareWrite(key);
        db.validateValue(value);
        writes.put(key.clone(), value.clone(), null);
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        prepareWrite(key);
        db.validateValue(value);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        writes.put(key.clone(), value.clone(), ttl);
    }

    @Override
    public void delete(byte[] key) {
        prepareWrite(key);
        writes.delete(key.clone());
    }

    private void prepareWrite(byte[] key) {
        ensureUsable();
        if (options.readOnly()) {
            throw new IllegalStateException("Transaction is read-only");
        }
        db.validateKey(key);
    }

    @Override
    public void commit() {
        ensureUsable();
        if (writes.isEmpty()) {
            db.finishTransaction(this, State.COMMITTED);
            return;
        }
        Mutation[] mutations = writes.toMutations(db.nowMillis());
        try {
            db.commitTransaction(this, mutations);
        } catch (TransactionConflictException e) {
            db.finishTransaction(this, State.ROLLED_BACK, true);
            throw e;
        } catch (TransactionTimeoutException e) {
            db.finishTransaction(this, State.TIMED_OUT);
            throw e;
        } catch (RuntimeException e) {
            db.finishTransaction(this, State.ROLLED_BACK);
            throw e;
        }
        db.finishTransaction(this, State.COMMITTED);
    }

    @Override
    public void rollback() {
        ensureNotFinished();
        db.finishTransaction(this, State.ROLLED_BACK);
    }

    @Override
    public boolean isActive() {
        return state == State.ACTIVE && db.nowMillis() <= deadlineMillis;
    }

    @Override
    public TransactionOptions options() {
        return options;
    }

    @Override
    public long snapshotSequence() {
        return snapshot;
    }

    @Override
    public void close() {
        if (state == State.ACTIVE) {
            db.finishTransaction(this, State.ROLLED_BACK);
        }
    }

    // ---------------------------------------------------------------- used by the database

    long snapshot() {
        return snapshot;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    State state() {
        return state;
    }

    void state(State s) {
        state = s;
    }

    boolean serializable() {
        return options.isolation() == IsolationLevel.SERIALIZABLE;
    }

    Iterable<byte[]> writtenKeys() {
        return writes.keys();
    }

    Iterable<byte[]> readKeys() {
        return readKeys;
    }

    List<KeyRange> scannedRanges() {
        return scannedRanges;
    }

    private void ensureNotFinished() {
        State s = state;
        if (s == State.TIMED_OUT) {
            throw new TransactionTimeoutException(
                    "Transaction timed out after " + timeoutDescription() + " and was rolled back");
        }
        if (s != State.ACTIVE) {
            throw new IllegalStateException(
                    "Transaction is already " + s.name().toLowerCase().replace('_', ' '));
        }
    }

    /** Rejects use after the transaction finished or outlived its deadline (then rolls it back). */
    private void ensureUsable() {
        ensureNotFinished();
        db.ensureOpen();
        if (db.nowMillis() > deadlineMillis) {
            db.finishTransaction(this, State.TIMED_OUT);
            ensureNotFinished();
        }
    }

    private String timeoutDescription() {
        return options.timeout() != null ? options.timeout().toString() : "the configured transaction-timeout";
    }
}
