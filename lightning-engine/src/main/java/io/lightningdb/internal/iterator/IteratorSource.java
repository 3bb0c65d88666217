package io.lightningdb.internal.iterator;

/** Anything that can open a positioned {@link InternalIterator}: a memtable, a table, a level. */
public interface IteratorSource {
    /**
     * Forward: positioned at the first entry {@code >= target}. Reverse: at the last entry {@code
     * <= target}. A null target means the first (forward) or last (reverse) entry.
     */
    InternalIterator iterator(Direction direction, byte[] target);
}
