package io.lightningdb.internal.txn;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, for every key committed while transactions are open, the sequence number of its
 * latest commit, so a committing transaction can ask "did anything I depend on change after my
 * snapshot?" for single keys and for key ranges. Entries older than every open transaction's
 * snapshot are pruned. Not thread-safe: used under the database lock.
 */
public final class ConflictTracker {
    private final TreeMap<byte[], Long> lastCommit = new TreeMap<>(Arrays::compareUnsigned);
    private int sizeAfterLastPrune;

    public void record(byte[] key, long sequence) {
        lastCommit.put(key, sequence);
    }

    /** Whether {@code key} was committed with a sequence above {@code snapshot}. */
    public boolean changedAfter(byte[] key, long snapshot) {
        Long seq = lastCommit.get(key);
        return seq != null && seq > snapshot;
    }

    /** A key in {@code [start, end)} (null bounds are open) committed above {@code snapshot}, or null. */
    public byte[] firstChangedInRange(byte[] start, byte[] end, long snapshot) {
        Map<byte[], Long> range;
        if (start == null && end == null) {
            range = lastCommit;
        } else if (start == null) {
            range = lastCommit.headMap(end, false);
        } else if (end == null) {
            range = lastCommit.tailMap(start, true);
        } else {
            range = lastCommit.subMap(start, true, end, false);
        }
        for (Map.Entry<byte[], Long> e : range.entrySet()) {
            if (e.getValue() > snapshot) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Drops entries no open transaction can conflict with, once the map has doubled since last time. */
    public void pruneIfLarge(long oldestSnapshot) {
        if (lastCommit.size() > 2 * sizeAfterLastPrune + 1024) {
            lastCommit.values().removeIf(seq -> seq <= oldestSnapshot);
            sizeAfterLastPrune = lastCommit.size();
        }
    }

    public void clear() {
        lastCommit.clear();
        sizeAfterLastPrune = 0;
    }

    public int size() {
        return lastCommit.size();
    }
}
