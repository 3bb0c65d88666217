package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;

/**
 * A position among an {@link ArenaBTree}'s entries, for scans in either direction. It works on a
 * consistent copy of one leaf's slots (at most a few hundred bytes), taken under the leaf's version,
 * and moves to the next leaf through the copy's link. Entries a writer adds to the tree after the
 * copy is taken may be missed; they carry sequence numbers above any the scan's reader can see, so
 * only what a scan could not return anyway is lost.
 *
 * <p>Moving forward, the cursor loads the entries a few steps ahead of the one it returns: their
 * addresses are in the copy, so their cache misses overlap instead of being waited for one by one.
 */
final class Cursor {
    private static final int AHEAD = 16;

    private final ArenaBTree tree;
    private final Arena arena;
    private final long[] entries = new long[Leaf.CAPACITY];
    private final int[] probes = new int[Leaf.CAPACITY];
    private Leaf leaf;
    private Leaf next;
    private int count;
    private int position = -1;
    private int touchedTo;
    private int filledTo;
    private int touchSink;

    Cursor(ArenaBTree tree) {
        this.tree = tree;
        this.arena = tree.arena;
    }

    boolean valid() {
        return position >= 0 && position < count;
    }

    /** The current entry's address. Only while {@link #valid()}. */
    long address() {
        return entries[position];
    }

    void seekToFirst() {
        load(tree.edgeLeaf(false));
        position = 0;
        skipEmptyForward();
    }

    void seekToLast() {
        load(tree.edgeLeaf(true));
        position = count - 1;
    }

    /** To the first entry {@code >=} the key (with {@code strictly}, {@code >}). */
    void seekForward(byte[] key, int userKeyLength, long trailer, boolean strictly) {
        load(tree.findLeaf(key, userKeyLength, trailer, false));
        position = leaf.search(arena, entries, probes, count, key, userKeyLength, trailer, strictly);
        while (position == count && next != null) { // the key lies further right (or the leaf ended)
            load(next);
            position = leaf.search(arena, entries, probes, count, key, userKeyLength, trailer, strictly);
        }
        touchAhead();
    }

    /** To the last entry {@code <=} the key (with {@code strictly}, {@code <}). */
    void seekBackward(byte[] key, int userKeyLength, long trailer, boolean strictly) {
        boolean before = strictly;
        while (true) {
            load(tree.findLeaf(key, userKeyLength, trailer, before));
            int after = leaf.search(arena, entries, probes, count, key, userKeyLength, trailer, !strictly);
            while (after == count && next != null && below(next.low, key, userKeyLength, trailer, strictly)) {
                load(next); // routed before a split: the key's neighbours lie further right
                after = leaf.search(arena, entries, probes, count, key, userKeyLength, trailer, !strictly);
            }
            if (after > 0 || leaf.low == null) {
                position = after - 1;
                return;
            }
            // nothing below the key here: the answer is the last entry below this leaf's range
            key = leaf.low;
            userKeyLength = key.length - InternalKey.TRAILER_SIZE;
            trailer = Coding.getLong(key, userKeyLength);
            strictly = true;
            before = true;
        }
    }

    /** Whether the internal key {@code low} is below the key (with {@code !strictly}, or equal). */
    private static boolean below(byte[] low, byte[] key, int userKeyLength, long trailer, boolean strictly) {
        int cmp = Inner.compare(low, key, userKeyLength, trailer);
        return cmp < 0 || (!strictly && cmp == 0);
    }

    void next() {
        position++;
        if (position == count) {
            if (next == null) {
                return;
            }
            load(next);
            position = 0;
            skipEmptyForward();
        }
        if (position + AHEAD / 2 > touchedTo) {
            touchAhead();
        }
    }

    void previous() {
        if (position > 0) {
            position--;
            return;
        }
        byte[] first = arena.key(entries[0]);
        int length = first.length - InternalKey.TRAILER_SIZE;
        seekBackward(first, length, Coding.getLong(first, length), true);
    }

    /** Takes a consistent copy of the leaf's slots and link. */
    private void load(Leaf from) {
        while (true) {
            int v = from.stableVersion();
            int n = Math.min(from.count, Leaf.CAPACITY);
            System.arraycopy(from.entries, 0, entries, 0, n);
            System.arraycopy(from.probes, 0, probes, 0, n);
            Leaf link = from.next;
            if (from.unchanged(v)) {
                leaf = from;
                count = n;
                next = link;
                touchedTo = 0;
                filledTo = 0;
                return;
            }
        }
    }

    private void skipEmptyForward() {
        while (count == 0 && next != null) { // only an empty tree's one leaf is empty
            load(next);
        }
        touchAhead();
    }

    /**
     * Loads the next entries ahead of the scan in two steps: first the line each starts on (where
     * its lengths are), then, a window later when those have arrived, the rest of its lines.
     */
    private void touchAhead() {
        int from = Math.max(position, touchedTo);
        int to = Math.min(count, from + AHEAD);
        int sink = touchSink;
        for (int i = Math.max(position, filledTo); i < from; i++) {
            sink ^= arena.touchRest(entries[i]);
        }
        for (int i = from; i < to; i++) {
            sink ^= arena.touch(entries[i]);
        }
        touchSink = sink;
        filledTo = from;
        touchedTo = to;
    }
}
