package io.lightningdb.internal.txn;

import io.lightningdb.KvIterator;
import io.lightningdb.internal.iterator.CurrentEntry;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * A transaction's scan: the snapshot's entries merged with the transaction's own buffered writes in
 * the same range, the buffered write winning on equal keys and buffered deletes hiding entries.
 */
public final class BufferedScanIterator implements KvIterator {
    private final KvIterator snapshot;
    private final Iterator<Map.Entry<byte[], WriteBuffer.Write>> buffered;
    private final boolean reverse;
    private final Runnable onUse;
    private byte[] snapshotKey;
    private byte[] snapshotValue;
    private Map.Entry<byte[], WriteBuffer.Write> bufferedEntry;
    private byte[] key;
    private byte[] value;

    /**
     * @param onUse called before every step, so the transaction can reject use after it finished
     */
    public BufferedScanIterator(
            KvIterator snapshot,
            Iterator<Map.Entry<byte[], WriteBuffer.Write>> buffered,
            boolean reverse,
            Runnable onUse) {
        this.snapshot = snapshot;
        this.buffered = buffered;
        this.reverse = reverse;
        this.onUse = onUse;
        advanceSnapshot();
        advanceBuffered();
    }

    private void advanceSnapshot() {
        if (snapshot.next()) {
            snapshotKey = snapshot.key();
            snapshotValue = snapshot.value();
        } else {
            snapshotKey = null;
        }
    }

    private void advanceBuffered() {
        bufferedEntry = buffered.hasNext() ? buffered.next() : null;
    }

    @Override
    public boolean next() {
        onUse.run();
        while (snapshotKey != null || bufferedEntry != null) {
            int c;
            if (snapshotKey == null) {
                c = 1;
            } else if (bufferedEntry == null) {
                c = -1;
            } else {
                c = Arrays.compareUnsigned(snapshotKey, bufferedEntry.getKey());
                if (reverse) {
                    c = -c;
                }
            }
            if (c < 0) {
                key = snapshotKey;
                value = snapshotValue;
                advanceSnapshot();
                return true;
            }
            Map.Entry<byte[], WriteBuffer.Write> e = bufferedEntry;
            advanceBuffered();
            if (c == 0) {
                advanceSnapshot(); // the buffered write replaces the snapshot's entry
            }
            if (!e.getValue().isDelete()) {
                key = e.getKey();
                value = e.getValue().value();
                return true;
            }
        }
        key = null;
        value = null;
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

    @Override
    public void close() {
        snapshot.close();
    }
}
