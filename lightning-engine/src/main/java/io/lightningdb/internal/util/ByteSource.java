package io.lightningdb.internal.util;

import java.util.Arrays;

/**
 * A cursor reading the encodings of {@link ByteSink}. Throws {@link MalformedException} when the
 * input ends early or a varint is too long, so decoders report corruption instead of crashing.
 */
public final class ByteSource {
    private final byte[] buf;
    private final int limit;
    private int pos;

    public ByteSource(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteSource(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    public int position() {
        return pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public int getByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int getInt() {
        need(4);
        int v = Coding.getInt(buf, pos);
        pos += 4;
        return v;
    }

    public long getLong() {
        need(8);
        long v = Coding.getLong(buf, pos);
        pos += 8;
        return v;
    }

    public long getVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new MalformedException("varint longer than 10 bytes");
    }

    /** A varint that must fit a non-negative int. */
    public int getVarInt() {
        long v = getVarLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new MalformedException("length out of range: " + v);
        }
        return (int) v;
    }

    public byte[] getBytes(int len) {
        need(len);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return b;
    }

    public byte[] getLengthPrefixed() {
        return getBytes(getVarInt());
    }

    private void need(int n) {
        if (n < 0 || pos + n > limit) {
            throw new MalformedException("record ends early: need " + n + " bytes at " + pos + ", limit " + limit);
        }
    }

    /** The encoded input is malformed; callers turn it into a CorruptionException with a file. */
    public static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedException(String message) {
            super(message);
        }
    }
}
