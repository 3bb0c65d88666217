package io.lightningdb.internal.key;

/**
 * One change on the write path, as logged and applied: its type, the user key and the stored bytes
 * (the value, {@link Expiry#wrap wrapped} for expiring values, null for deletions). The arrays may
 * be the caller's: they are only read until the write returns (the memtable and log copy them).
 */
public record Mutation(int type, byte[] key, byte[] stored) {
    public static Mutation put(byte[] key, byte[] value) {
        return new Mutation(ValueType.VALUE, key, value);
    }

    public static Mutation putExpiring(byte[] key, byte[] value, long expiresAtMillis) {
        return new Mutation(ValueType.VALUE_EXPIRING, key, Expiry.wrap(expiresAtMillis, value));
    }

    public static Mutation delete(byte[] key) {
        return new Mutation(ValueType.DELETION, key, null);
    }

    public boolean isDelete() {
        return type == ValueType.DELETION;
    }

    /** Approximate bytes this mutation adds to a log record. */
    public int encodedSize() {
        return key.length + (stored == null ? 0 : stored.length) + 8;
    }
}
