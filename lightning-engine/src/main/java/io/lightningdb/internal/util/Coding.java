package io.lightningdb.internal.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian fixed-width and LEB128 variable-width integer coding used by every file format. The
 * fixed widths go through byte-array views, which compile to one load or store (and a byte swap)
 * where assembling bytes one by one takes eight: keys' trailers are read at every comparison.
 */
public final class Coding {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Coding() {}

    public static void putInt(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    public static int getInt(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    public static void putLong(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }

    public static long getLong(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    /** Number of bytes {@link ByteSink#putVarLong} writes for {@code v}. */
    public static int varLongSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
