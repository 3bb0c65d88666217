package io.lightningdb.internal.wal;

import io.lightningdb.WriteBatch;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.ByteSource;

/**
 * Encodes the operations of one commit group as a log payload: first sequence number (int64),
 * operation count (int32), then per operation its type (1 byte), length-prefixed key and, for
 * values, length-prefixed value. Operation {@code i} gets sequence {@code first + i}.
 */
public final class BatchCodec {
    private BatchCodec() {}

    /** Receives decoded operations in order. */
    @FunctionalInterface
    public interface Handler {
        void apply(long sequence, int type, byte[] key, byte[] value);
    }

    /** Starts a payload in {@code out} (reset first); returns nothing, count patched by {@link #finish}. */
    public static void begin(ByteSink out, long firstSequence) {
        out.reset();
        out.putLong(firstSequence).putInt(0);
    }

    public static void add(ByteSink out, WriteBatch.Op op) {
        if (op.isDelete()) {
            out.putByte(ValueType.DELETION).putLengthPrefixed(op.key());
        } else {
            out.putByte(ValueType.VALUE).putLengthPrefixed(op.key()).putLengthPrefixed(op.value());
        }
    }

    public static void finish(ByteSink out, int count) {
        out.setInt(8, count);
    }

    /** Decodes a payload; returns the sequence number of its last operation. */
    public static long decode(byte[] payload, Handler handler) {
        ByteSource in = new ByteSource(payload);
        long seq = in.getLong();
        int count = in.getInt();
        if (count < 0) {
            throw new ByteSource.MalformedException("negative operation count " + count);
        }
        for (int i = 0; i < count; i++) {
            int type = in.getByte();
            byte[] key = in.getLengthPrefixed();
            byte[] value;
            if (type == ValueType.VALUE) {
                value = in.getLengthPrefixed();
            } else if (type == ValueType.DELETION) {
                value = null;
            } else {
                throw new ByteSource.MalformedException("unknown operation type " + type);
            }
            handler.apply(seq + i, type, key, value);
        }
        if (in.hasRemaining()) {
            throw new ByteSource.MalformedException(in.remaining() + " trailing bytes");
        }
        return seq + count - 1;
    }
}
