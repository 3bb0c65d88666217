package io.lightningdb.internal.key;

/** The kind of an internal entry, stored in the low byte of its trailer. */
public final class ValueType {
    public static final int DELETION = 0;
    public static final int VALUE = 1;
    /** A value that expires: the stored bytes are {@link Expiry#wrap wrapped} with their expiry time. */
    public static final int VALUE_EXPIRING = 2;
    /** Sorts before every real type with the same sequence number; used to build seek targets. */
    public static final int SEEK = 0xFF;

    private ValueType() {}

    public static boolean isValue(int type) {
        return type == VALUE || type == VALUE_EXPIRING;
    }
}
