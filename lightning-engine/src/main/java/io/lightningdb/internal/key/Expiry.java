package io.lightningdb.internal.key;

import io.lightningdb.internal.util.Coding;
import java.util.Arrays;

/**
 * Encoding of expiring values: the expiry instant (epoch milliseconds, 8 bytes) followed by the
 * user's value. Storing the absolute instant makes expiry survive restarts unchanged.
 */
public final class Expiry {
    public static final int PREFIX_SIZE = 8;

    private Expiry() {}

    public static byte[] wrap(long expiresAtMillis, byte[] value) {
        byte[] stored = new byte[PREFIX_SIZE + value.length];
        Coding.putLong(stored, 0, expiresAtMillis);
        System.arraycopy(value, 0, stored, PREFIX_SIZE, value.length);
        return stored;
    }

    public static long expiresAt(byte[] stored) {
        return Coding.getLong(stored, 0);
    }

    public static boolean isExpired(byte[] stored, long nowMillis) {
        return expiresAt(stored) <= nowMillis;
    }

    public static byte[] unwrap(byte[] stored) {
        return Arrays.copyOfRange(stored, PREFIX_SIZE, stored.length);
    }
}
