package io.lightningdb.internal.key;

/**
 * Outcome markers of a point lookup in one component (memtable or table): a value array, {@link
 * #DELETED} when the newest visible entry is a deletion (stop searching older components), or null
 * when the component knows nothing of the key (keep searching). Compared by identity.
 */
public final class Lookup {
    public static final byte[] DELETED = new byte[0];

    private Lookup() {}
}
