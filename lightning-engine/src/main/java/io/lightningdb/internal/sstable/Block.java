package io.lightningdb.internal.sstable;

import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * A parsed, immutable data block as {@link BlockBuilder} wrote it. Point lookups binary-search the
 * restart points without copying keys, then scan at most one restart interval.
 */
final class Block {
    private final byte[] data;
    private final int restartsOffset;
    private final int restartCount;

    /** @throws IllegalArgumentException if the restart array is malformed */
    Block(byte[] data) {
        if (data.length < 4) {
            throw new IllegalArgumentException("block too short: " + data.length);
        }
        this.data = data;
        this.restartCount = Coding.getInt(data, data.length - 4);
        long off = data.length - 4 - 4L * restartCount;
        if (restartCount < 1 || off < 0) {
            throw new IllegalArgumentException("bad restart count " + restartCount);
        }
        this.restartsOffset = (int) off;
    }

    int sizeInBytes() {
        return data.length;
    }

    private int restartPoint(int i) {
        return Coding.getInt(data, restartsOffset + 4 * i);
    }

    /** Compares the full key stored at a restart point (shared = 0) with {@code target}. */
    private int compareRestartKey(int restart, byte[] target) {
        int p = restart;
        p = skipVarint(p); // shared, always 0 at a restart
        long[] v = new long[1];
        p = readVarint(p, v);
        int keyLen = (int) v[0];
        p = skipVarint(p); // value length
        int userLen = keyLen - InternalKey.TRAILER_SIZE;
        int c = Arrays.compareUnsigned(data, p, p + userLen, target, 0, target.length - InternalKey.TRAILER_SIZE);
        if (c != 0) {
            return c;
        }
        long trailer = Coding.getLong(data, p + userLen);
        return Long.compareUnsigned(InternalKey.trailer(target), trailer);
    }

    private int skipVarint(int p) {
        while (data[p] < 0) {
            p++;
        }
        return p + 1;
    }

    private int readVarint(int p, long[] out) {
        long result = 0;
        int shift = 0;
        byte b;
        do {
            b = data[p++];
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        out[0] = result;
        return p;
    }

    /** A forward cursor positioned at the first entry. */
    Cursor cursor() {
        return new Cursor();
    }

    /** Every entry decoded, for reverse iteration. */
    Cursor.Decoded decodeAll() {
        Cursor c = cursor();
        int n = 0;
        byte[][] keys = new byte[16][];
        byte[][] values = new byte[16][];
        for (c.seekToFirst(); c.valid(); c.next()) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            keys[n] = c.key();
            values[n] = c.value();
            n++;
        }
        return new Cursor.Decoded(keys, values, n);
    }

    /** Walks the entries forward, rebuilding prefix-compressed keys in a reusable buffer. */
    final class Cursor {
        record Decoded(byte[][] keys, byte[][] values, int count) {}

        private final long[] varint = new long[1];
        private byte[] keyBuf = new byte[64];
        private int keyLen;
        private int valueOffset;
        private int valueLen;
        private int next; // offset of the entry after the current one
        private boolean valid;

        void seekToFirst() {
            parseAt(0, true);
        }

        /** Positions at the first entry whose internal key is {@code >= target}. */
        void seek(byte[] target) {
            int lo = 0;
            int hi = restartCount - 1;
            while (lo < hi) { // find the last restart whose key is < target
                int mid = (lo + hi + 1) >>> 1;
                if (compareRestartKey(restartPoint(mid), target) < 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            parseAt(restartPoint(lo), true);
            while (valid && compareCurrent(target) < 0) {
                next();
            }
        }

        private int compareCurrent(byte[] target) {
            int userLen = keyLen - InternalKey.TRAILER_SIZE;
            int c = Arrays.compareUnsigned(keyBuf, 0, userLen, target, 0, target.length - InternalKey.TRAILER_SIZE);
            if (c != 0) {
                return c;
            }
            return Long.compareUnsigned(InternalKey.trailer(target), Coding.getLong(keyBuf, userLen));
        }

        /** Whether the current key's user part equals {@code userKey}. */
        boolean userKeyEquals(byte[] userKey) {
            return Arrays.equals(keyBuf, 0, keyLen - InternalKey.TRAILER_SIZE, userKey, 0, userKey.length);
        }

        long currentTrailer() {
            return Coding.getLong(keyBuf, keyLen - InternalKey.TRAILER_SIZE);
        }

        boolean valid() {
            return valid;
        }

        void next() {
            parseAt(next, false);
        }

        /** The current key, copied. */
        byte[] key() {
            return Arrays.copyOf(keyBuf, keyLen);
        }

        /** Points {@code slice} at the current key in this cursor's buffer, good until the next step. */
        void slice(KeySlice slice) {
            slice.set(keyBuf, 0, keyLen);
        }

        byte[] value() {
            return Arrays.copyOfRange(data, valueOffset, valueOffset + valueLen);
        }

        private void parseAt(int p, boolean restart) {
            if (p >= restartsOffset) {
                valid = false;
                return;
            }
            p = readVarint(p, varint);
            int shared = restart ? 0 : (int) varint[0];
            p = readVarint(p, varint);
            int unshared = (int) varint[0];
            p = readVarint(p, varint);
            int vlen = (int) varint[0];
            int newLen = shared + unshared;
            if (newLen > keyBuf.length) {
                keyBuf = Arrays.copyOf(keyBuf, Math.max(newLen, keyBuf.length * 2));
            }
            System.arraycopy(data, p, keyBuf, shared, unshared);
            keyLen = newLen;
            valueOffset = p + unshared;
            valueLen = vlen;
            next = valueOffset + vlen;
            valid = true;
        }
    }
}
