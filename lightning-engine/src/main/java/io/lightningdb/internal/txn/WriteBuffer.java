package io.lightningdb.internal.txn;

import io.lightningdb.internal.key.Mutation;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction's uncommitted writes, sorted by key so scans can merge them with the snapshot. The
 * last write to a key wins. A put's time-to-live is turned into an expiry instant at commit.
 */
public final class WriteBuffer {
    /** A buffered write: value null for a delete; ttl null for a value that never expires. */
    public record Write(byte[] value, Duration ttl) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final TreeMap<byte[], Write> writes = new TreeMap<>(Arrays::compareUnsigned);

    public void put(byte[] key, byte[] value, Duration ttl) {
        writes.put(key, new Write(value, ttl));
    }

    public void delete(byte[] key) {
        writes.put(key, new Write(null, null));
    }

    /** The buffered write of {@code key}, or null. */
    public Write get(byte[] key) {
        return writes.get(key);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    public int size() {
        return writes.size();
    }

    /** Writes with keys in {@code [start, end)} (null bounds open), in ascending or descending order. */
    public NavigableMap<byte[], Write> range(byte[] start, byte[] end, boolean reverse) {
        NavigableMap<byte[], Write> m = writes;
        if (start != null && end != null) {
            m = writes.subMap(start, true, end, false);
        } else if (start != null) {
            m = writes.tailMap(start, true);
        } else if (end != null) {
            m = writes.headMap(end, false);
        }
        return reverse ? m.descendingMap() : m;
    }

    public Iterable<byte[]> keys() {
        return Collections.unmodifiableSet(writes.keySet());
    }

    /** The writes as engine mutations; puts with a time-to-live expire relative to {@code nowMillis}. */
    public Mutation[] toMutations(long nowMillis) {
        Mutation[] out = new Mutation[writes.size()];
        int i = 0;
        for (Map.Entry<byte[], Write> e : writes.entrySet()) {
            Write w = e.getValue();
            if (w.isDelete()) {
                out[i++] = Mutation.delete(e.getKey());
            } else if (w.ttl() == null) {
                out[i++] = Mutation.put(e.getKey(), w.value());
            } else {
                out[i++] = Mutation.putExpiring(
                        e.getKey(), w.value(), nowMillis + w.ttl().toMillis());
            }
        }
        return out;
    }
}
