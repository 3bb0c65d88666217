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
 * <p>Moving forward, the cursor loads the entries ahead of the one it returns, so that their cache
 * misses overlap instead of being waited for one by one: entries inserted in random order lie
 * scattered over the arena. It loads them a group at a time, first the line each starts on (with
 * its lengths) and, a group later, its other lines; see {@link #loadAhead}. Near a leaf's end it
 * copies the next leaf's slots early, so loading ahead does not stop at every leaf.
 *
 * <p>A reader that has the newest version of a key it can see has no use for the older ones:
 * {@link #nextKey} passes them by their slots' marks ({@link Leaf#olderVersions}) without loading
 * them, and a cursor told to {@link #passOlderVersions} does not load them ahead either.
 */
final class Cursor {
    /**
     * Entries per group loaded ahead. Measured over a memtable of 300k random puts: groups of 4 and
     * 6 scanned at 126-140 ns per entry, 8 at 146-163, 16 at 147-168, none at 252. A group's loads
     * must all fit in the core's window of instructions under way to overlap.
     */
    private static final int GROUP = 4;

    private final ArenaBTree tree;
    private final Arena arena;
    private Slots current = new Slots();
    private Slots upcoming; // the next leaf's slots, copied early for loading ahead; null until needed
    private boolean upcomingLoaded;
    private int position = -1;
    private int firstLinesTo; // entries below this index (in the current copy) had their first line loaded
    private int restTo; // and below this one, their other lines
    private int touchSink;
    private boolean passOlderVersions;

    Cursor(ArenaBTree tree) {
        this.tree = tree;
        this.arena = tree.arena;
    }

    boolean valid() {
        return position >= 0 && position < current.count;
    }

    /** The current entry's address. Only while {@link #valid()}. */
    long address() {
        return current.entries[position];
    }

    void seekToFirst() {
        load(tree.edgeLeaf(false));
        position = 0;
        skipEmptyForward();
    }

    void seekToLast() {
        load(tree.edgeLeaf(true));
        position = current.count - 1;
    }

    /** To the first entry {@code >=} the key (with {@code strictly}, {@code >}). */
    void seekForward(byte[] key, int userKeyLength, long trailer, boolean strictly) {
        load(tree.findLeaf(key, userKeyLength, trailer, false));
        position = current.search(arena, key, userKeyLength, trailer, strictly);
        while (position == current.count && current.next != null) { // the key lies further right (or the leaf ended)
            load(current.next);
            position = current.search(arena, key, userKeyLength, trailer, strictly);
        }
        firstLinesTo = position;
        restTo = position;
    }

    /** To the last entry {@code <=} the key (with {@code strictly}, {@code <}). */
    void seekBackward(byte[] key, int userKeyLength, long trailer, boolean strictly) {
        boolean before = strictly;
        while (true) {
            load(tree.findLeaf(key, userKeyLength, trailer, before));
            int after = current.search(arena, key, userKeyLength, trailer, !strictly);
            while (after == current.count
                    && current.next != null
                    && below(current.next.low, key, userKeyLength, trailer, strictly)) {
                load(current.next); // routed before a split: the key's neighbours lie further right
                after = current.search(arena, key, userKeyLength, trailer, !strictly);
            }
            if (after > 0 || current.leaf.low == null) {
                position = after - 1;
                return;
            }
            // nothing below the key here: the answer is the last entry below this leaf's range
            key = current.leaf.low;
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

    /** Whether the reader usually passes older versions, so loading ahead can leave them out. */
    void passOlderVersions(boolean pass) {
        passOlderVersions = pass;
    }

    /**
     * To the next entry, passing the older versions of the current entry's key that follow it in
     * this leaf's copy. Within one copy a mark always names an older version of the entry before
     * it: the writer sets it in the same change of the leaf as it inserts that newer version. The
     * next leaf's first entry is never passed this way, as the copy of the leaf before may be older.
     */
    void nextKey() {
        int p = position + 1;
        while (p < current.count && current.olderVersions[p]) {
            p++;
        }
        position = p - 1;
        next();
    }

    void next() {
        position++;
        if (position == current.count) {
            if (current.next == null) {
                return;
            }
            nextLeaf();
        }
        loadAhead();
    }

    private void nextLeaf() {
        int passed = current.count;
        if (upcomingLoaded) {
            Slots done = current;
            current = upcoming;
            upcoming = done;
            upcomingLoaded = false;
        } else {
            current.copy(current.next);
        }
        position = 0;
        firstLinesTo = Math.max(0, firstLinesTo - passed);
        restTo = Math.max(0, restTo - passed);
        // never empty: only an empty tree's one leaf is, and leaves are linked holding entries
    }

    void previous() {
        if (position > 0) {
            position--;
            return;
        }
        byte[] first = arena.key(current.entries[0]);
        int length = first.length - InternalKey.TRAILER_SIZE;
        seekBackward(first, length, Coding.getLong(first, length), true);
    }

    /** Takes a consistent copy of the leaf's slots and link; forgets the copy of the next one. */
    private void load(Leaf from) {
        current.copy(from);
        upcomingLoaded = false;
        firstLinesTo = 0;
        restTo = 0;
    }

    private void skipEmptyForward() {
        while (current.count == 0 && current.next != null) { // only an empty tree's one leaf is empty
            load(current.next);
        }
        firstLinesTo = position;
        restTo = position;
    }

    /**
     * Every {@link #GROUP} entries, loads the other lines of the next group (their first lines, with
     * the lengths, came in the group before) and the first lines of the group after. Loading is
     * done by reading (Java has no prefetch), and no instruction after a read that misses can
     * complete until its line arrives; the core stalls once its window of instructions under way
     * is full. So the loads are issued together: the wait is paid once per group, not per entry.
     */
    private void loadAhead() {
        if (position < restTo) {
            return;
        }
        int sink = touchSink;
        for (int end = position + 2 * GROUP; firstLinesTo < end; firstLinesTo++) {
            sink ^= arena.touch(slotAhead(firstLinesTo));
        }
        for (int end = position + GROUP; restTo < end; restTo++) {
            sink ^= arena.touchRest(slotAhead(restTo));
        }
        touchSink = sink;
    }

    /**
     * The address {@code index} slots from the start of the current copy, reaching into the next
     * leaf's slots (copied on first need); {@link Arena#NONE} past what is known.
     */
    private long slotAhead(int index) {
        if (index < current.count) {
            return passOlderVersions && current.olderVersions[index] ? Arena.NONE : current.entries[index];
        }
        if (!upcomingLoaded) {
            if (current.next == null) {
                return Arena.NONE;
            }
            if (upcoming == null) {
                upcoming = new Slots();
            }
            upcoming.copy(current.next);
            upcomingLoaded = true;
        }
        int i = index - current.count;
        if (i >= upcoming.count || (passOlderVersions && upcoming.olderVersions[i])) {
            return Arena.NONE;
        }
        return upcoming.entries[i];
    }

    /** A reader's consistent copy of one leaf's slots and link. */
    private static final class Slots {
        final long[] entries = new long[Leaf.CAPACITY];
        final int[] probes = new int[Leaf.CAPACITY];
        final boolean[] olderVersions = new boolean[Leaf.CAPACITY];
        Leaf leaf;
        Leaf next;
        int count;

        void copy(Leaf from) {
            while (true) {
                int v = from.stableVersion();
                int n = Math.min(from.count, Leaf.CAPACITY);
                System.arraycopy(from.entries, 0, entries, 0, n);
                System.arraycopy(from.probes, 0, probes, 0, n);
                System.arraycopy(from.olderVersions, 0, olderVersions, 0, n);
                Leaf link = from.next;
                if (from.unchanged(v)) {
                    leaf = from;
                    count = n;
                    next = link;
                    return;
                }
            }
        }

        int search(Arena arena, byte[] key, int userKeyLength, long trailer, boolean strictly) {
            return leaf.search(arena, entries, probes, count, key, userKeyLength, trailer, strictly);
        }
    }
}
