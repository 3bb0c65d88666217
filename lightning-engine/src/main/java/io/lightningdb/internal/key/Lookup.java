package io.lightningdb.internal.key;

import java.time.Clock;

/**
 * Outcome markers of a point lookup in one component (memtable or table): a value array, {@link
 * #DELETED} when the newest visible entry is a deletion or an expired value (stop searching older
 * components), or null when the component knows nothing of the key (keep searching). Compared by
 * identity.
 */
public final class Lookup {
    public static final byte[] DELETED = new byte[0];

    private Lookup() {}

    /**
     * The lookup outcome of a found entry of {@code type} holding {@code stored} bytes, reading
     * {@code clock} only for a value with a time-to-live: a clock read costs about as much as a
     * third of a point read that misses every table (some 50 ns on a VM), and most values never
     * expire.
     */
    public static byte[] resolve(int type, byte[] stored, Clock clock) {
        return type == ValueType.VALUE_EXPIRING ? resolve(type, stored, clock.millis()) : resolve(type, stored, 0);
    }

    /** The lookup outcome of a found entry of {@code type} holding {@code stored} bytes, at {@code nowMillis}. */
    public static byte[] resolve(int type, byte[] stored, long nowMillis) {
        return switch (type) {
            case ValueType.VALUE -> stored;
            case ValueType.VALUE_EXPIRING -> Expiry.isExpired(stored, nowMillis) ? DELETED : Expiry.unwrap(stored);
            default -> DELETED;
        };
    }
}
