package io.lightningdb.internal.sstable;

import io.lightningdb.internal.util.ByteSink;
import java.util.Arrays;

/**
 * Builds a data block: entries with keys prefix-compressed against the previous key, and a full
 * key every {@code restartInterval} entries (a restart point) so readers can binary-search.
 *
 * <p>Entry: varint shared, varint unshared, varint value length, unshared key bytes, value. Tail:
 * int32 offset of each restart point, then int32 restart count.
 */
final class BlockBuilder {
    private final int restartInterval;
    private final ByteSink buf = new ByteSink(8 * 1024);
    private int[] restarts = new int[16];
    private int restartCount;
    private int sinceRestart;
    private byte[] lastKey = new byte[0];
    private int entries;

    BlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
        reset();
    }

    void reset() {
        buf.reset();
        restartCount = 0;
        sinceRestart = 0;
        entries = 0;
        lastKey = new byte[0];
        addRestart(0);
    }

    void add(byte[] key, byte[] value) {
        int shared = 0;
        if (sinceRestart < restartInterval) {
            int max = Math.min(lastKey.length, key.length);
            int mismatch = Arrays.mismatch(lastKey, 0, max, key, 0, max);
            shared = mismatch < 0 ? max : mismatch;
        } else {
            addRestart(buf.size());
            sinceRestart = 0;
        }
        buf.putVarLong(shared).putVarLong(key.length - shared).putVarLong(value.length);
        buf.putBytes(key, shared, key.length - shared).putBytes(value);
        lastKey = key;
        sinceRestart++;
        entries++;
    }

    private void addRestart(int offset) {
        if (restartCount == restarts.length) {
            restarts = Arrays.copyOf(restarts, restartCount * 2);
        }
        restarts[restartCount++] = offset;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** Size the finished block would have. */
    int estimatedSize() {
        return buf.size() + 4 * restartCount + 4;
    }

    /** Appends the restart array and returns the finished block contents. */
    byte[] finish() {
        for (int i = 0; i < restartCount; i++) {
            buf.putInt(restarts[i]);
        }
        buf.putInt(restartCount);
        return buf.toByteArray();
    }
}
