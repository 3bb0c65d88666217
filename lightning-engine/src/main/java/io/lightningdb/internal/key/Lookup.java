package io.lightningdb.internal.key;

/**
 * Outcome markers of a point lookup in one component (memtable or table): a value array, {@link
 * #DELETED} when the newest visible entry is a deletion or an expired value (stop searching older
 * components), or null when the component knows nothing of the key (keep searching). Compared by
 * identity.
 */
public final class Lookup {
    public static final byte[] DELETED = new byte[0];

    private Lookup() {}

    /** The lookup outcome of a found entry of {@code type} holding {@code stored} bytes. */
    public static byte[] resolve(int type, byte[] stored, long nowMillis) {
        return switch (type) {
            case ValueType.VALUE -> stored;
            case ValueType.VALUE_EXPIRING -> Expiry.isExpired(stored, nowMillis) ? DELETED : Expiry.unwrap(stored);
            default -> DELETED;
        };
    }
}
