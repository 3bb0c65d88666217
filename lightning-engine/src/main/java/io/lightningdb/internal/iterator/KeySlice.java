package io.lightningdb.internal.iterator;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * Where an iterator's current internal key lies, in place: {@code length} bytes of an array from
 * {@code offset} (a memtable's arena chunk, a table block's key buffer). A scan compares each key
 * with others several times, and most keys it passes are older versions it never returns, so
 * comparing keys where they lie instead of copying each one saves an allocation and a copy per
 * entry of every source.
 *
 * <p>The iterator that owns a slice moves it along as it steps, so what a slice says holds only
 * until that iterator's next step, and its bytes belong to the iterator: read them, never change
 * them.
 */
public final class KeySlice {
    private static final byte[] EMPTY = new byte[InternalKey.TRAILER_SIZE];

    private byte[] array = EMPTY;
    private int offset;
    private int length = InternalKey.TRAILER_SIZE;

    /** Points this slice at {@code array[offset, offset + length)}, an internal key. */
    public void set(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** Points this slice where {@code other} points. */
    public void set(KeySlice other) {
        set(other.array, other.offset, other.length);
    }

    public long trailer() {
        return Coding.getLong(array, offset + length - InternalKey.TRAILER_SIZE);
    }

    public long sequence() {
        return trailer() >>> 8;
    }

    public int type() {
        return (int) (trailer() & 0xFF);
    }

    /** Orders as {@link InternalKey#compare}: user key ascending, then newest first. */
    public int compareTo(KeySlice other) {
        return InternalKey.compare(array, offset, length, other.array, other.offset, other.length);
    }

    /** Compares the user-key part with a plain user key. */
    public int compareUserKey(byte[] userKey) {
        int userEnd = offset + length - InternalKey.TRAILER_SIZE;
        return Arrays.compareUnsigned(array, offset, userEnd, userKey, 0, userKey.length);
    }

    /** Whether the user-key part is {@code userKey}. */
    public boolean hasUserKey(byte[] userKey) {
        return Arrays.equals(array, offset, offset + length - InternalKey.TRAILER_SIZE, userKey, 0, userKey.length);
    }

    /** The user-key part, copied. */
    public byte[] userKey() {
        return Arrays.copyOfRange(array, offset, offset + length - InternalKey.TRAILER_SIZE);
    }

    /** The internal key, copied. */
    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }
}
