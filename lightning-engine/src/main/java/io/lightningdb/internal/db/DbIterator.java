package io.lightningdb.internal.db;

import io.lightningdb.DatabaseClosedException;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.internal.iterator.CurrentEntry;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.Lookup;

/**
 * The user-facing scan: turns the merged stream of internal entries into one entry per live key at
 * the scan's sequence number, inside the range's bounds. Pins its {@link ReadView} until closed.
 * Charges the bytes it returns to what it read, a megabyte at a time and the rest when closed
 * ({@link ScanCharges}).
 */
final class DbIterator implements KvIterator {
    private final DbImpl db;
    private final ReadView view;
    private final InternalIterator input;
    private final KeySlice inputKey;
    private final long sequence;
    private final long nowMillis;
    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private byte[] key;
    private byte[] value;
    private boolean exhausted;
    private boolean closed;
    private long uncharged; // bytes returned since the last charge

    DbIterator(DbImpl db, ReadView view, InternalIterator input, long sequence, long nowMillis, KeyRange range) {
        this.db = db;
        this.view = view;
        this.input = input;
        this.inputKey = input.keySlice();
        this.sequence = sequence;
        this.nowMillis = nowMillis;
        this.start = range.start();
        this.end = range.end();
        this.reverse = range.isReverse();
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new DatabaseClosedException("Iterator is closed");
        }
        db.ensureOpen();
        if (exhausted) {
            return false;
        }
        boolean found = reverse ? previousLive() : nextLive();
        if (!found) {
            exhausted = true;
            key = null;
            value = null;
            return false;
        }
        int bytes = key.length + value.length;
        db.countRead(bytes);
        uncharged += bytes;
        if (uncharged >= ScanCharges.CHARGE_EVERY_BYTES) {
            charge();
        }
        return true;
    }

    private boolean nextLive() {
        byte[] lastUserKey = key;
        while (input.valid()) {
            if (inputKey.sequence() > sequence) {
                input.next();
                continue;
            }
            if (end != null && inputKey.compareUserKey(end) >= 0) {
                return false;
            }
            if (lastUserKey != null && inputKey.hasUserKey(lastUserKey)) {
                input.next(); // an older version of a key already decided
                continue;
            }
            lastUserKey = inputKey.userKey();
            byte[] v = Lookup.resolve(inputKey.type(), input.value(), nowMillis);
            input.next();
            if (v != Lookup.DELETED) {
                key = lastUserKey;
                value = v;
                return true;
            }
        }
        return false;
    }

    /** Reverse order yields each key's versions oldest first: the last visible one wins. */
    private boolean previousLive() {
        while (input.valid()) {
            if (start != null && inputKey.compareUserKey(start) < 0) {
                return false;
            }
            byte[] userKey = inputKey.userKey();
            int newestType = -1;
            byte[] newestStored = null;
            while (input.valid() && inputKey.hasUserKey(userKey)) {
                if (inputKey.sequence() <= sequence) {
                    newestType = inputKey.type();
                    newestStored = input.value();
                }
                input.next();
            }
            byte[] v = newestType < 0 ? Lookup.DELETED : Lookup.resolve(newestType, newestStored, nowMillis);
            if (v != Lookup.DELETED) {
                key = userKey;
                value = v;
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] key() {
        return CurrentEntry.require(key);
    }

    @Override
    public byte[] value() {
        return CurrentEntry.require(value);
    }

    private void charge() {
        if (uncharged > 0) {
            db.chargeScan(view, uncharged);
            uncharged = 0;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                input.close();
                charge();
            } finally {
                view.unref();
            }
        }
    }
}
