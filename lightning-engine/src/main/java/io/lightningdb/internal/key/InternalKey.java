package io.lightningdb.internal.key;

import io.lightningdb.internal.util.Coding;
import java.util.Arrays;
import java.util.Comparator;

/**
 * An internal key is the user key followed by an 8-byte trailer {@code (sequence << 8) | type}.
 * Entries order by user key ascending (unsigned bytes), then by trailer descending, so the newest
 * version of a key comes first. One flat byte array keeps memtable and table entries compact.
 */
public final class InternalKey {
    public static final int TRAILER_SIZE = 8;
    public static final long MAX_SEQUENCE = (1L << 56) - 1;

    /** Orders internal keys: user key ascending, then sequence (and type) descending. */
    public static final Comparator<byte[]> COMPARATOR = InternalKey::compare;

    private InternalKey() {}

    public static byte[] encode(byte[] userKey, long sequence, int type) {
        byte[] k = Arrays.copyOf(userKey, userKey.length + TRAILER_SIZE);
        Coding.putLong(k, userKey.length, (sequence << 8) | type);
        return k;
    }

    /** The smallest internal key for {@code userKey} visible at {@code sequence}: a seek target. */
    public static byte[] seekKey(byte[] userKey, long sequence) {
        return encode(userKey, sequence, ValueType.SEEK);
    }

    public static int userKeyLength(byte[] ikey) {
        return ikey.length - TRAILER_SIZE;
    }

    public static byte[] userKey(byte[] ikey) {
        return Arrays.copyOf(ikey, ikey.length - TRAILER_SIZE);
    }

    public static long trailer(byte[] ikey) {
        return Coding.getLong(ikey, ikey.length - TRAILER_SIZE);
    }

    public static long sequence(byte[] ikey) {
        return trailer(ikey) >>> 8;
    }

    public static int type(byte[] ikey) {
        return (int) (trailer(ikey) & 0xFF);
    }

    public static int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b, 0, b.length);
    }

    /** Like {@link #compare(byte[], byte[])}, for internal keys lying in parts of larger arrays. */
    public static int compare(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength) {
        int aUserEnd = aOffset + aLength - TRAILER_SIZE;
        int bUserEnd = bOffset + bLength - TRAILER_SIZE;
        int c = Arrays.compareUnsigned(a, aOffset, aUserEnd, b, bOffset, bUserEnd);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(Coding.getLong(b, bUserEnd), Coding.getLong(a, aUserEnd));
    }

    /** Compares the user-key part of {@code ikey} with a plain user key. */
    public static int compareUserKey(byte[] ikey, byte[] userKey) {
        return Arrays.compareUnsigned(ikey, 0, ikey.length - TRAILER_SIZE, userKey, 0, userKey.length);
    }

    public static boolean sameUserKey(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }

    public static int compareUserKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, a.length - TRAILER_SIZE, b, 0, b.length - TRAILER_SIZE);
    }
}
