package io.lightningdb.internal.iterator;

/**
 * A one-directional cursor over internal entries (internal key, value), already positioned by its
 * factory. Forward iterators yield keys in {@link io.lightningdb.internal.key.InternalKey#COMPARATOR}
 * order, reverse ones in the opposite order. Deletions are yielded like values (value empty).
 */
public interface InternalIterator extends AutoCloseable {
    boolean valid();

    /** The current internal key. Only while {@link #valid()}. */
    byte[] key();

    /** The current value. Only while {@link #valid()}. */
    byte[] value();

    void next();

    @Override
    default void close() {}
}
