package io.lightningdb.internal.wal;

import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.ByteSource;

/**
 * Encodes the mutations of one commit group as a log payload: first sequence number (int64),
 * mutation count (int32), then per mutation its type (1 byte), length-prefixed key and, for values,
 * the length-prefixed stored bytes. Mutation {@code i} gets sequence {@code first + i}.
 */
public final class BatchCodec {
    private BatchCodec() {}

    /** Receives decoded mutations in order. */
    @FunctionalInterface
    public interface Handler {
        void apply(long sequence, int type, byte[] key, byte[] stored);
    }

    /** Starts a payload in {@code out}; the count is patched by {@link #finish}. */
    public static void begin(ByteSink out, long firstSequence) {
        out.reset();
        out.putLong(firstSequence).putInt(0);
    }

    public static void add(ByteSink out, Mutation m) {
        out.putByte(m.type()).putLengthPrefixed(m.key());
        if (!m.isDelete()) {
            out.putLengthPrefixed(m.stored());
        }
    }

    public static void finish(ByteSink out, int count) {
        out.setInt(8, count);
    }

    /** Decodes a payload; returns the sequence number of its last mutation. */
    public static long decode(byte[] payload, Handler handler) {
        ByteSource in = new ByteSource(payload);
        long seq = in.getLong();
        int count = in.getInt();
        if (count < 0) {
            throw new ByteSource.MalformedException("negative mutation count " + count);
        }
        for (int i = 0; i < count; i++) {
            int type = in.getByte();
            byte[] key = in.getLengthPrefixed();
            byte[] stored;
            if (ValueType.isValue(type)) {
                stored = in.getLengthPrefixed();
                if (type == ValueType.VALUE_EXPIRING && stored.length < 8) {
                    throw new ByteSource.MalformedException("expiring value without expiry");
                }
            } else if (type == ValueType.DELETION) {
                stored = null;
            } else {
                throw new ByteSource.MalformedException("unknown mutation type " + type);
            }
            handler.apply(seq + i, type, key, stored);
        }
        if (in.hasRemaining()) {
            throw new ByteSource.MalformedException(in.remaining() + " trailing bytes");
        }
        return seq + count - 1;
    }
}
