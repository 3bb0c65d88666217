package io.lightningdb.internal.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A tree node that its single writer changes in place and readers read without locks, as a
 * sequence lock: the writer makes the version odd, changes the node, and makes it even again; a
 * reader notes an even version, reads, and keeps what it read only if the version is unchanged
 * (the same fences as {@link java.util.concurrent.locks.StampedLock}'s optimistic reads). What a
 * reader reads meanwhile may be torn, so it must not act on it before {@link #unchanged} says so.
 */
abstract class VersionedNode {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(VersionedNode.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ArenaBTree tree;
    private int version;

    /** @param tree the tree the node belongs to, told of every change the node publishes */
    VersionedNode(ArenaBTree tree) {
        this.tree = tree;
    }

    /** A version with no change under way; waits out one that is. */
    final int stableVersion() {
        int v;
        while (((v = (int) VERSION.getAcquire(this)) & 1) != 0) {
            Thread.onSpinWait();
        }
        return v;
    }

    /** Whether nothing changed since {@code stable} was read: what was read in between is consistent. */
    final boolean unchanged(int stable) {
        VarHandle.acquireFence(); // the reads before are done before the version is read again
        return (int) VERSION.getOpaque(this) == stable;
    }

    /** Writer only: readers from now on wait or retry. */
    final void beginWrite() {
        VERSION.setOpaque(this, version + 1);
        VarHandle.storeStoreFence(); // the odd version is visible before any change
    }

    /** Writer only: publishes the changes made since {@link #beginWrite}. */
    final void endWrite() {
        VERSION.setRelease(this, version + 1);
        tree.published();
    }
}
