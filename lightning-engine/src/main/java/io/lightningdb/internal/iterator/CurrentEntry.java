package io.lightningdb.internal.iterator;

/** The check behind {@code KvIterator.key()} and {@code value()} outside a valid position. */
public final class CurrentEntry {
    private CurrentEntry() {}

    /** Returns {@code part} of the current entry, or explains that there is none. */
    public static byte[] require(byte[] part) {
        if (part == null) {
            throw new IllegalStateException("No current entry: call next() first and check it returned true");
        }
        return part;
    }
}
