package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The memtable's sorted order: a B+tree whose leaves list {@link Arena} entries by address, in key
 * order. Entries are written once and never move; a leaf holds only their addresses and a probe of
 * each key, so a scan reads a leaf's slots in sequence and knows the next entries' addresses ahead
 * of time (it loads several at once, see {@link Cursor}), where a skip list of randomly inserted
 * nodes waits for one cache miss per entry to learn where the next one is. A search compares probes
 * in a few cache lines per level instead of descending through ~20 scattered nodes.
 *
 * <p>One writer at a time (the group-commit leader, or recovery) changes nodes in place under
 * their versions ({@link VersionedNode}); readers take no locks and retry a node that changed while
 * they read it. Entries are never removed. A split builds the new right node first, then links it
 * into the parent, then shrinks the left node, so a reader routed by a parent read before the split
 * finds its key by moving right along the leaves ({@link Leaf#next}), as in a B-link tree.
 */
class ArenaBTree { // not final only for tests, which override the seams at the end
    private static final VarHandle SIZE;
    private static final VarHandle NODE_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(ArenaBTree.class, "size", int.class);
            NODE_BYTES = lookup.findVarHandle(ArenaBTree.class, "nodeBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Arena arena = new Arena();
    private volatile VersionedNode root = new Leaf(this, null, null);
    private volatile int size;
    private volatile long nodeBytes = Leaf.BYTES;

    // Writer-only state: the leaf of the previous insert (keys arriving in order land there again)
    // and the path of the last descent, with the leaf it led to while it is still valid: leaf
    // inserts leave inner nodes alone, so it holds until the next split.
    private Leaf lastLeaf;
    private Inner[] path = new Inner[8];
    private int[] pathIndex = new int[8];
    private int pathDepth;
    private Leaf pathLeaf;

    int size() {
        return size;
    }

    /** The root node, for tests that walk the tree. */
    VersionedNode root() {
        return root;
    }

    /** Bytes of the entries and the tree's nodes. */
    long bytesUsed() {
        return arena.bytesUsed() + nodeBytes;
    }

    // ---------------------------------------------------------------- writing

    /** Inserts an entry whose internal key is {@code userKey} plus {@code trailer}; returns its address. Writer only. */
    long insert(byte[] userKey, long trailer, byte[] value) {
        long address = arena.append(userKey, trailer, value);
        int length = userKey.length;
        Leaf leaf = lastLeaf;
        if (leaf == null || !covers(leaf, userKey, trailer)) {
            leaf = descendForWrite(userKey, length, trailer);
        }
        int position = positionForWrite(leaf, userKey, length, trailer);
        if (leaf.count < Leaf.CAPACITY) {
            insertAt(leaf, position, address, userKey);
        } else if (position == Leaf.CAPACITY && leaf.next == null) {
            // past the last leaf's end the new key starts a leaf, so keys in order fill leaves
            leaf = split(leaf, Leaf.CAPACITY, address);
        } else {
            int at = Leaf.CAPACITY / 2;
            Leaf right = split(leaf, at, Arena.NONE);
            if (position > at) { // the separator, entry at, is below the key
                position -= at;
                leaf = right;
            }
            insertAt(leaf, position, address, userKey);
        }
        lastLeaf = leaf;
        SIZE.setRelease(this, size + 1);
        return address;
    }

    /**
     * Lists the entry in a leaf with room, marking the entry it displaces as an older version when
     * it has the same user key. Their probes differ for most keys, and only a tie loads that entry.
     */
    private void insertAt(Leaf leaf, int position, long address, byte[] userKey) {
        int probe = arena.probe(address, leaf.prefix);
        boolean shadows = position < leaf.count
                && leaf.probes[position] == probe
                && arena.userKeyEquals(leaf.entries[position], userKey, userKey.length);
        leaf.insert(position, address, probe, shadows);
    }

    private static boolean covers(Leaf leaf, byte[] userKey, long trailer) {
        return (leaf.low == null || Inner.compare(leaf.low, userKey, userKey.length, trailer) <= 0)
                && (leaf.high == null || Inner.compare(leaf.high, userKey, userKey.length, trailer) > 0);
    }

    private int positionForWrite(Leaf leaf, byte[] userKey, int length, long trailer) {
        int n = leaf.count;
        if (n == 0 || arena.compare(leaf.entries[n - 1], userKey, length, trailer) < 0) {
            return n; // after every entry: keys arriving in order
        }
        return leaf.search(arena, leaf.entries, leaf.probes, n - 1, userKey, length, trailer, false);
    }

    /** The leaf covering the key, noting the inner nodes on the way in {@link #path}. Writer only. */
    private Leaf descendForWrite(byte[] key, int length, long trailer) {
        VersionedNode node = root;
        int depth = 0;
        while (node instanceof Inner inner) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
                pathIndex = Arrays.copyOf(pathIndex, depth * 2);
            }
            int i = inner.childIndex(inner.count, key, length, trailer, false);
            path[depth] = inner;
            pathIndex[depth++] = i;
            node = inner.children[i];
        }
        pathDepth = depth;
        pathLeaf = (Leaf) node;
        return pathLeaf;
    }

    /**
     * Splits a full leaf at {@code at}: a new leaf to its right takes the entries from {@code at} on,
     * is linked into the parent, and only then does the leaf let go of them. Appending past the last
     * leaf's end ({@code at} is the capacity), the new leaf holds just the new entry {@code
     * appended}, so keys arriving in order fill leaves completely and no leaf is ever seen empty.
     */
    private Leaf split(Leaf leaf, int at, long appended) {
        boolean appending = at == Leaf.CAPACITY;
        byte[] separator = arena.key(appending ? appended : leaf.entries[at]);
        Leaf right = new Leaf(this, separator, leaf.high);
        int moved = appending ? 1 : leaf.count - at;
        for (int i = 0; i < moved; i++) {
            long address = appending ? appended : leaf.entries[at + i];
            right.entries[i] = address;
            right.probes[i] = arena.probe(address, right.prefix);
            right.olderVersions[i] = !appending && leaf.olderVersions[at + i];
        }
        right.count = moved;
        right.next = leaf.next;
        NODE_BYTES.setRelease(this, nodeBytes + Leaf.BYTES + separator.length + 16);
        if (pathLeaf != leaf) { // the leaf came from the previous insert: find its path
            // the separator is in the leaf's range, so the descent ends there
            descendForWrite(
                    separator,
                    separator.length - InternalKey.TRAILER_SIZE,
                    Coding.getLong(separator, separator.length - InternalKey.TRAILER_SIZE));
        }
        addChild(pathDepth - 1, leaf, separator, right);
        pathLeaf = null; // inner nodes on the path may have changed
        leaf.beginWrite();
        leaf.next = right;
        leaf.count = at;
        leaf.endWrite();
        leaf.high = separator;
        return right;
    }

    /**
     * Lists {@code right}, covering keys from {@code separator} on, after {@code left} in the inner
     * node at {@code depth} of {@link #path} (a new root above {@code left} if {@code depth < 0}).
     */
    private void addChild(int depth, VersionedNode left, byte[] separator, VersionedNode right) {
        if (depth < 0) {
            Inner top = new Inner(this);
            top.keys[0] = separator;
            top.children[0] = left;
            top.children[1] = right;
            top.count = 1;
            top.reprobe(-1);
            NODE_BYTES.setRelease(this, nodeBytes + Inner.BYTES);
            root = top; // the volatile store publishes the filled node
            published();
            return;
        }
        Inner inner = path[depth];
        int at = pathIndex[depth]; // left's index: the separator goes at it, the child after it
        int n = inner.count;
        if (n < Inner.CAPACITY) {
            inner.beginWrite();
            System.arraycopy(inner.keys, at, inner.keys, at + 1, n - at);
            System.arraycopy(inner.probes, at, inner.probes, at + 1, n - at);
            System.arraycopy(inner.children, at + 1, inner.children, at + 2, n - at);
            inner.keys[at] = separator;
            inner.children[at + 1] = right;
            inner.count = n + 1;
            inner.reprobe(at);
            inner.endWrite();
            return;
        }
        splitInner(depth, inner, at, separator, right);
    }

    /** Splits a full inner node while adding a child, as {@link #split} does a leaf. */
    private void splitInner(int depth, Inner inner, int at, byte[] separator, VersionedNode child) {
        int n = inner.count;
        byte[][] keys = new byte[n + 1][];
        VersionedNode[] children = new VersionedNode[n + 2];
        System.arraycopy(inner.keys, 0, keys, 0, at);
        keys[at] = separator;
        System.arraycopy(inner.keys, at, keys, at + 1, n - at);
        System.arraycopy(inner.children, 0, children, 0, at + 1);
        children[at + 1] = child;
        System.arraycopy(inner.children, at + 1, children, at + 2, n - at);
        // appending at the end keeps the node full (keys arriving in order); otherwise halves
        int keep = at == n ? n : (n + 1) / 2;
        Inner right = new Inner(this);
        int rightKeys = n - keep; // keys after the promoted one
        System.arraycopy(keys, keep + 1, right.keys, 0, rightKeys);
        System.arraycopy(children, keep + 1, right.children, 0, rightKeys + 1);
        right.count = rightKeys;
        right.reprobe(-1);
        NODE_BYTES.setRelease(this, nodeBytes + Inner.BYTES);
        addChild(depth - 1, inner, keys[keep], right);
        if (keep == n) {
            return; // the node keeps what it had; the new child went right
        }
        inner.beginWrite();
        System.arraycopy(keys, 0, inner.keys, 0, keep);
        Arrays.fill(inner.keys, keep, Inner.CAPACITY, null);
        System.arraycopy(children, 0, inner.children, 0, keep + 1);
        Arrays.fill(inner.children, keep + 1, Inner.CAPACITY + 1, null);
        inner.count = keep;
        inner.reprobe(-1);
        inner.endWrite();
    }

    // ---------------------------------------------------------------- reading

    /**
     * The leaf covering the key (with {@code before}, the one holding the keys just below it). A
     * reader routed before a concurrent split may land left of the key; callers move right.
     */
    Leaf findLeaf(byte[] key, int userKeyLength, long trailer, boolean before) {
        retry:
        while (true) {
            VersionedNode node = root;
            while (node instanceof Inner inner) {
                int v = inner.stableVersion();
                int i = inner.childIndex(inner.count, key, userKeyLength, trailer, before);
                VersionedNode child = i < 0 ? null : inner.children[i];
                if (child == null || !inner.unchanged(v)) {
                    continue retry;
                }
                routed(child);
                node = child;
            }
            return (Leaf) node;
        }
    }

    /** The first leaf ({@code last == false}) or the last one. */
    Leaf edgeLeaf(boolean last) {
        retry:
        while (true) {
            VersionedNode node = root;
            while (node instanceof Inner inner) {
                int v = inner.stableVersion();
                int n = Math.min(inner.count, Inner.CAPACITY);
                VersionedNode child = inner.children[last ? n : 0];
                if (child == null || !inner.unchanged(v)) {
                    continue retry;
                }
                routed(child);
                node = child;
            }
            Leaf leaf = (Leaf) node;
            if (!last) {
                return leaf;
            }
            while (true) { // a reader routed before a split lands left of the end
                int v = leaf.stableVersion();
                Leaf next = leaf.next;
                if (!leaf.unchanged(v)) {
                    continue;
                }
                if (next == null) {
                    return leaf;
                }
                leaf = next;
            }
        }
    }

    // ---------------------------------------------------------------- test seams

    /**
     * Called after every change the writer publishes to readers (each node's {@link
     * VersionedNode#endWrite}, a new root), so tests can check each state readers may meet between
     * the steps of a split. Does nothing here: with no test subclass loaded, the JIT inlines it away.
     */
    void published() {}

    /**
     * Called by a reader's descent after it chose {@code child} and before it reads it, so tests can
     * change the tree in that gap, which a concurrent writer hits only by rare chance. Does nothing here.
     */
    void routed(VersionedNode child) {}
}
