package io.lightningdb.internal.txn;

import java.util.TreeMap;

/**
 * The sequence numbers pinned by open snapshots and transactions, with multiplicity. Compaction may
 * drop a hidden version only when no pinned sequence can still see it. Not thread-safe: used under
 * the database lock.
 */
public final class SnapshotRegistry {
    private final TreeMap<Long, Integer> pinned = new TreeMap<>();
    private int count;

    public void pin(long sequence) {
        pinned.merge(sequence, 1, Integer::sum);
        count++;
    }

    public void unpin(long sequence) {
        Integer n = pinned.get(sequence);
        if (n == null) {
            throw new IllegalStateException("sequence " + sequence + " is not pinned");
        }
        if (n == 1) {
            pinned.remove(sequence);
        } else {
            pinned.put(sequence, n - 1);
        }
        count--;
    }

    /** The oldest pinned sequence, or {@code otherwise} when none is pinned. */
    public long oldest(long otherwise) {
        return pinned.isEmpty() ? otherwise : Math.min(pinned.firstKey(), otherwise);
    }

    public int count() {
        return count;
    }
}
