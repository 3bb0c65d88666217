package io.lightningdb.internal.iterator;

/**
 * A one-directional cursor over internal entries (internal key, value), already positioned by its
 * factory. Forward iterators yield keys in {@link io.lightningdb.internal.key.InternalKey#COMPARATOR}
 * order, reverse ones in the opposite order. Deletions are yielded like values (value empty).
 */
public interface InternalIterator extends AutoCloseable {
    boolean valid();

    /** The current internal key, copied. Only while {@link #valid()}. */
    byte[] key();

    /**
     * The current internal key in place, without a copy; only while {@link #valid()}, and only
     * until the next step. The same slice for the iterator's whole life, so callers may keep it.
     */
    KeySlice keySlice();

    /** The current value. Only while {@link #valid()}. */
    byte[] value();

    void next();

    @Override
    default void close() {}
}
