package io.lightningdb.internal.sstable;

import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Probe;
import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * A parsed, immutable data block as {@link BlockBuilder} wrote it. A block's first seek
 * binary-searches the restart points without copying keys, then scans at most one restart
 * interval. A block sought again (a cached block that point reads come back to) gets a {@link
 * BlockDirectory}, and its seeks read the one entry the directory points to. Scans from a block's
 * first entry never build one.
 */
final class Block {
    /**
     * Seeks through the restart points before the block gets a directory: a block sought once (a
     * read that missed the cache, a scan's first block) is not worth decoding whole.
     */
    static final int SEEKS_BEFORE_DIRECTORY = 1;

    private final byte[] data;
    private final int restartsOffset;
    private final int restartCount;
    private int restartSeeks; // racy: a lost count only delays the directory
    private BlockDirectory directory; // racy single check: immutable, published through its final fields

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

    /**
     * Bytes the block holds or may come to hold: its contents and the directory it gets if sought
     * again (estimated at a full restart interval per restart point, as this engine writes them).
     */
    int sizeInBytes() {
        return data.length + BlockDirectory.bytesFor(restartCount * TableFormat.RESTART_INTERVAL);
    }

    /** Whether the block has its directory yet. */
    boolean hasDirectory() {
        return directory != null;
    }

    /** The directory, built on the seek after {@link #SEEKS_BEFORE_DIRECTORY}; null before. */
    private BlockDirectory directoryForSeek() {
        BlockDirectory d = directory;
        if (d == null && ++restartSeeks > SEEKS_BEFORE_DIRECTORY) {
            d = buildDirectory();
            directory = d;
        }
        return d;
    }

    /**
     * Decodes every entry twice: for their offsets and the block's first and last keys (every key
     * between them shares the user-key prefix those two share), then for their probes.
     */
    BlockDirectory buildDirectory() {
        Cursor c = cursor();
        int[] offsets = new int[4 * restartCount];
        int count = 0;
        byte[] first = null;
        byte[] last = null;
        int offset = 0; // of the current entry: where the one before ended
        for (c.seekToFirst(); c.valid(); offset = c.next, c.next()) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * count);
            }
            offsets[count++] = offset;
            if (first == null) {
                first = c.key();
            }
            if (c.next >= restartsOffset) {
                last = c.key();
            }
        }
        int prefix = Probe.sharedPrefix(first, last);
        int[] probes = new int[count];
        int i = 0;
        for (c.seekToFirst(); c.valid(); c.next()) {
            probes[i++] = Probe.of(c.keyBuf, 0, c.keyLen - InternalKey.TRAILER_SIZE, prefix);
        }
        byte[] shared = first == null ? new byte[0] : Arrays.copyOf(first, prefix);
        return new BlockDirectory(shared, offsets, probes, count);
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
            BlockDirectory d = directoryForSeek();
            if (d == null || !seek(d, target)) {
                seekByRestarts(target);
            }
        }

        /**
         * {@link #seek} through the directory: to the entry it lands on, then past the ones below
         * the target (other versions of a key, keys whose probes tie). False, with nothing done,
         * if the entry landed on cannot be read on its own.
         */
        boolean seek(BlockDirectory d, byte[] target) {
            int index = d.firstCandidate(target);
            if (index == d.count()) {
                valid = false;
                return true;
            }
            int at = readVarint(d.offset(index), varint);
            int shared = (int) varint[0];
            at = readVarint(at, varint);
            int unshared = (int) varint[0];
            ensureKeyCapacity(shared + unshared);
            if (!d.restoreShared(index, shared, shared + unshared - InternalKey.TRAILER_SIZE, keyBuf)) {
                return false;
            }
            at = readVarint(at, varint);
            setEntry(at, shared, unshared, (int) varint[0]);
            while (valid && compareCurrent(target) < 0) {
                next();
            }
            return true;
        }

        /** {@link #seek} through the restart points. */
        void seekByRestarts(byte[] target) {
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
            int at = readVarint(p, varint);
            int shared = restart ? 0 : (int) varint[0];
            at = readVarint(at, varint);
            int unshared = (int) varint[0];
            at = readVarint(at, varint);
            ensureKeyCapacity(shared + unshared);
            setEntry(at, shared, unshared, (int) varint[0]);
        }

        private void ensureKeyCapacity(int length) {
            if (length > keyBuf.length) {
                keyBuf = Arrays.copyOf(keyBuf, Math.max(length, keyBuf.length * 2));
            }
        }

        /**
         * Makes an entry current: its key's first {@code shared} bytes are in the buffer already,
         * the {@code unshared} rest starts at {@code keyStart}, then the value.
         */
        private void setEntry(int keyStart, int shared, int unshared, int valueLength) {
            System.arraycopy(data, keyStart, keyBuf, shared, unshared);
            keyLen = shared + unshared;
            valueOffset = keyStart + unshared;
            valueLen = valueLength;
            next = valueOffset + valueLength;
            valid = true;
        }
    }
}
