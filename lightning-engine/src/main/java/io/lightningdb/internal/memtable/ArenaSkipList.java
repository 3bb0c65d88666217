package io.lightningdb.internal.memtable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.Coding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A skip list of internal keys and values laid out in large byte-array chunks instead of one object
 * per node: keys sit next to their links, so a search touches a few cache lines per level instead
 * of chasing node, key and value objects, and the garbage collector sees a handful of arrays.
 *
 * <p>One writer at a time (the group-commit leader, or recovery) and any number of concurrent
 * readers, as in LevelDB: a node is fully written before a release store links it in, and readers
 * follow links with acquire loads, so they never see a half-built node. Nodes are never removed.
 *
 * <p>Node layout, 8-byte aligned: key length (int), value length (int), height (int), padding, then
 * {@code height} links (long addresses), the internal key, the value. An address is the chunk
 * index in the high 32 bits and the offset in the low 32; 0 is the head node and doubles as "none".
 */
final class ArenaSkipList {
    static final int MAX_HEIGHT = 12;
    private static final long NONE = 0;
    private static final int HEADER = 16;
    /**
     * Below half of G1's smallest region (1 MiB). A larger array is a "humongous" object that G1
     * gives whole regions of its own: 1 MiB chunks (plus the array header) took 2 MiB each, so a
     * memtable of 50 MB held 99 MB of heap; with 256 KiB chunks it holds 53 MB.
     */
    static final int CHUNK_SIZE = 1 << 18;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle SIZE;
    private static final VarHandle BYTES_USED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(ArenaSkipList.class, "size", int.class);
            BYTES_USED = lookup.findVarHandle(ArenaSkipList.class, "bytesUsed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Replaced (never mutated in place once published) when it grows; small, so it stays in cache.
    private volatile byte[][] chunks = new byte[16][];
    private volatile int height = 1;
    // Read by any thread, written by the writer with release stores: a volatile store is a full
    // fence on x86, and two per insert stalled the writer on its last cache miss (the index slot).
    private volatile long bytesUsed;
    private volatile int size;

    // Writer-only state.
    private int chunkCount;
    private int chunkIndex;
    private int position;
    private long randomState = 0x9E3779B97F4A7C15L;
    private final long[] splice = new long[MAX_HEIGHT];

    ArenaSkipList() {
        allocate(0, 0, MAX_HEIGHT); // the head: no key, every level
    }

    int size() {
        return size;
    }

    long bytesUsed() {
        return bytesUsed;
    }

    /**
     * Inserts an entry whose internal key is {@code userKey} plus {@code trailer}; returns its node.
     * Single writer.
     */
    long insert(byte[] userKey, long trailer, byte[] value) {
        if (!spliceFits(userKey, trailer)) {
            findGreaterOrEqual(userKey, userKey.length, trailer, splice);
        }
        int h = randomHeight();
        int current = height;
        if (h > current) {
            for (int i = current; i < h; i++) {
                splice[i] = NONE; // the head
            }
            height = h; // readers seeing the new height before the links find "none" there: harmless
        }
        long node = allocate(userKey.length + InternalKey.TRAILER_SIZE, value.length, h);
        byte[] c = chunk(node);
        int off = offset(node);
        int keyOffset = off + HEADER + 8 * h;
        System.arraycopy(userKey, 0, c, keyOffset, userKey.length);
        Coding.putLong(c, keyOffset + userKey.length, trailer);
        System.arraycopy(value, 0, c, keyOffset + userKey.length + InternalKey.TRAILER_SIZE, value.length);
        for (int i = 0; i < h; i++) {
            LONGS.set(c, off + HEADER + 8 * i, nextPlain(splice[i], i));
            LONGS.setRelease(chunk(splice[i]), offset(splice[i]) + HEADER + 8 * i, node);
            splice[i] = node; // the new node precedes the next key in key order at its levels
        }
        SIZE.setRelease(this, size + 1);
        return node;
    }

    /**
     * Whether the predecessors of the previous insert still bracket this key at level 0, so they
     * are this key's predecessors at every level: the case of keys arriving in order (sequential
     * loads, batches of sorted keys), which then cost two comparisons instead of a descent. The
     * splice only ever holds nodes, which are never removed, and predecessors at higher levels are
     * never after those at lower ones, so a level-0 bracket holds at every level above.
     */
    private boolean spliceFits(byte[] userKey, long trailer) {
        long prev = splice[0];
        if (prev != NONE && compare(prev, userKey, userKey.length, trailer) >= 0) {
            return false;
        }
        long next = nextPlain(prev, 0);
        return next == NONE || compare(next, userKey, userKey.length, trailer) >= 0;
    }

    private int randomHeight() {
        long x = randomState; // xorshift64: cheap, and quality is ample for level choice
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        randomState = x;
        int h = 1;
        while (h < MAX_HEIGHT && (x & 3) == 0) { // each level with probability 1/4
            h++;
            x >>>= 2;
        }
        return h;
    }

    private long allocate(int keyLength, int valueLength, int h) {
        int need = HEADER + 8 * h + keyLength + valueLength;
        need = (need + 7) & ~7;
        byte[] c = chunkCount == 0 ? null : chunks[chunkIndex];
        if (c == null || position + need > c.length) {
            c = new byte[Math.max(CHUNK_SIZE, need)];
            byte[][] table = chunks;
            if (chunkCount == table.length) {
                table = Arrays.copyOf(table, table.length * 2);
            } else {
                table = table.clone(); // readers may hold the old table; publish a new one
            }
            table[chunkCount] = c;
            chunks = table;
            chunkIndex = chunkCount++;
            position = 0;
        }
        int off = position;
        position += need;
        INTS.set(c, off, keyLength);
        INTS.set(c, off + 4, valueLength);
        INTS.set(c, off + 8, h);
        BYTES_USED.setRelease(this, bytesUsed + need);
        return ((long) chunkIndex << 32) | off;
    }

    // ---------------------------------------------------------------- node access

    private byte[] chunk(long node) {
        return chunks[(int) (node >>> 32)]; // the table holding it was published before any link to it
    }

    private static int offset(long node) {
        return (int) node;
    }

    private long next(long node, int level) {
        return (long) LONGS.getAcquire(chunk(node), offset(node) + HEADER + 8 * level);
    }

    private long nextPlain(long node, int level) {
        return (long) LONGS.get(chunk(node), offset(node) + HEADER + 8 * level);
    }

    private int keyOffset(byte[] c, int off) {
        return off + HEADER + 8 * (int) INTS.get(c, off + 8);
    }

    byte[] key(long node) {
        byte[] c = chunk(node);
        int off = offset(node);
        int k = keyOffset(c, off);
        return Arrays.copyOfRange(c, k, k + (int) INTS.get(c, off));
    }

    byte[] value(long node) {
        byte[] c = chunk(node);
        int off = offset(node);
        int v = keyOffset(c, off) + (int) INTS.get(c, off);
        return Arrays.copyOfRange(c, v, v + (int) INTS.get(c, off + 4));
    }

    long trailer(long node) {
        byte[] c = chunk(node);
        int off = offset(node);
        return Coding.getLong(c, keyOffset(c, off) + (int) INTS.get(c, off) - InternalKey.TRAILER_SIZE);
    }

    boolean userKeyEquals(long node, byte[] userKey) {
        return userKeyEquals(node, userKey, userKey.length);
    }

    /** Whether the node's user key is {@code key[0, length)}. */
    boolean userKeyEquals(long node, byte[] key, int length) {
        byte[] c = chunk(node);
        int off = offset(node);
        int k = keyOffset(c, off);
        int len = (int) INTS.get(c, off) - InternalKey.TRAILER_SIZE;
        return Arrays.equals(c, k, k + len, key, 0, length);
    }

    /** Compares a node's internal key with {@code key[0, userKeyLength)} plus {@code trailer}. */
    private int compare(long node, byte[] key, int userKeyLength, long trailer) {
        byte[] c = chunk(node);
        int off = offset(node);
        int k = keyOffset(c, off);
        int len = (int) INTS.get(c, off) - InternalKey.TRAILER_SIZE;
        int cmp = Arrays.compareUnsigned(c, k, k + len, key, 0, userKeyLength);
        if (cmp != 0) {
            return cmp;
        }
        return Long.compareUnsigned(trailer, Coding.getLong(c, k + len)); // newer (larger trailer) first
    }

    // ---------------------------------------------------------------- search

    /** First node {@code >=} the key, or {@link #NONE}; records the predecessors per level if asked. */
    long findGreaterOrEqual(byte[] key, int userKeyLength, long trailer, long[] prev) {
        long x = NONE;
        int level = height - 1;
        while (true) {
            long next = next(x, level);
            if (next != NONE && compare(next, key, userKeyLength, trailer) < 0) {
                x = next;
            } else {
                if (prev != null) {
                    prev[level] = x;
                }
                if (level == 0) {
                    return next;
                }
                level--;
            }
        }
    }

    /** Last node {@code <} the key, or {@link #NONE}. */
    long findLessThan(byte[] key, int userKeyLength, long trailer) {
        long x = NONE;
        int level = height - 1;
        while (true) {
            long next = next(x, level);
            if (next != NONE && compare(next, key, userKeyLength, trailer) < 0) {
                x = next;
            } else if (level == 0) {
                return x;
            } else {
                level--;
            }
        }
    }

    long first() {
        return next(NONE, 0);
    }

    long last() {
        long x = NONE;
        for (int level = height - 1; level >= 0; level--) {
            for (long next = next(x, level); next != NONE; next = next(x, level)) {
                x = next;
            }
        }
        return x;
    }

    long next(long node) {
        return next(node, 0);
    }

    /** The node before {@code node}, or {@link #NONE}. */
    long previous(long node) {
        byte[] k = key(node);
        return findLessThan(
                k, k.length - InternalKey.TRAILER_SIZE, Coding.getLong(k, k.length - InternalKey.TRAILER_SIZE));
    }

    static boolean isNone(long node) {
        return node == NONE;
    }
}
