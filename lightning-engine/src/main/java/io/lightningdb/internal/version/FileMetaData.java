package io.lightningdb.internal.version;

import io.lightningdb.internal.key.InternalKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live table file: its number, size and key range. Counts the versions that reference it; when
 * the last one is released the file is obsolete and may be deleted.
 */
public final class FileMetaData {
    private final long number;
    private final long size;
    private final long entries;
    private final byte[] smallest;
    private final byte[] largest;
    private final AtomicInteger refs = new AtomicInteger();
    private boolean beingCompacted; // guarded by the database lock

    public FileMetaData(long number, long size, long entries, byte[] smallest, byte[] largest) {
        this.number = number;
        this.size = size;
        this.entries = entries;
        this.smallest = smallest;
        this.largest = largest;
    }

    public long number() {
        return number;
    }

    public long size() {
        return size;
    }

    public long entries() {
        return entries;
    }

    /** Smallest internal key. */
    public byte[] smallest() {
        return smallest;
    }

    /** Largest internal key. */
    public byte[] largest() {
        return largest;
    }

    public boolean beingCompacted() {
        return beingCompacted;
    }

    public void beingCompacted(boolean value) {
        beingCompacted = value;
    }

    void ref() {
        refs.incrementAndGet();
    }

    /** Returns true when this was the last reference. */
    boolean unref() {
        return refs.decrementAndGet() == 0;
    }

    /** Whether the user-key range of this file contains {@code userKey}. */
    public boolean covers(byte[] userKey) {
        return InternalKey.compareUserKey(smallest, userKey) <= 0 && InternalKey.compareUserKey(largest, userKey) >= 0;
    }

    /** Whether this file's user-key range overlaps {@code [smallestUser, largestUser]} (null = unbounded). */
    public boolean overlaps(byte[] smallestUser, byte[] largestUser) {
        return (largestUser == null || InternalKey.compareUserKey(smallest, largestUser) <= 0)
                && (smallestUser == null || InternalKey.compareUserKey(largest, smallestUser) >= 0);
    }

    @Override
    public String toString() {
        return "#" + number + "(" + size + "B)";
    }
}
