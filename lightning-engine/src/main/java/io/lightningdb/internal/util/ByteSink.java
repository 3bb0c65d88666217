package io.lightningdb.internal.util;

import java.util.Arrays;

/** A growable byte array to encode records into; reused to avoid garbage on hot paths. */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buf;
    }

    public void reset() {
        size = 0;
    }

    /** Drops everything after {@code newSize}. */
    public void truncate(int newSize) {
        size = newSize;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public ByteSink putByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteSink putInt(int v) {
        ensure(4);
        Coding.putInt(buf, size, v);
        size += 4;
        return this;
    }

    public ByteSink putLong(long v) {
        ensure(8);
        Coding.putLong(buf, size, v);
        size += 8;
        return this;
    }

    public ByteSink putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public ByteSink putBytes(byte[] b) {
        return putBytes(b, 0, b.length);
    }

    public ByteSink putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Writes the length as a varint, then the bytes. */
    public ByteSink putLengthPrefixed(byte[] b) {
        putVarLong(b.length);
        return putBytes(b);
    }

    /** Overwrites 4 bytes at {@code pos}. */
    public void setInt(int pos, int v) {
        Coding.putInt(buf, pos, v);
    }
}
