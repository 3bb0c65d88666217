package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Probe;
import io.lightningdb.internal.util.Coding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The memtable's entries, appended to large byte-array chunks in arrival order and never moved or
 * changed: a handful of arrays for the garbage collector instead of objects per entry, and an entry
 * written once by the writer's core, so readers on other cores do not keep re-fetching it.
 *
 * <p>Entry layout: internal key length (int), value length (int), internal key, value. An address
 * is the chunk index in the high 32 bits and the offset in the low 32. Address 0 is {@link #NONE},
 * an empty entry of its own, so no entry has that address.
 *
 * <p>One writer; any number of readers, which learn addresses only through structures the writer
 * publishes after the entry is complete.
 */
final class Arena {
    static final long NONE = 0;
    static final int HEADER = 8;
    /**
     * Below half of G1's smallest region (1 MiB). A larger array is a "humongous" object that G1
     * gives whole regions of its own: 1 MiB chunks (plus the array header) took 2 MiB each, so a
     * memtable of 50 MB held 99 MB of heap; with 256 KiB chunks it holds 53 MB.
     */
    static final int CHUNK_SIZE = 1 << 18;

    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle BYTES_USED;

    static {
        try {
            BYTES_USED = MethodHandles.lookup().findVarHandle(Arena.class, "bytesUsed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Replaced (never mutated in place once published) when it grows; small, so it stays in cache.
    private volatile byte[][] chunks = new byte[16][];
    // Written with release stores: a volatile store is a full fence on x86 and stalls the writer.
    private volatile long bytesUsed;

    // Writer-only state.
    private int chunkCount;
    private int position;

    Arena() {
        append(EMPTY, 0, EMPTY); // NONE
    }

    /** Bytes of the chunks' entries. */
    long bytesUsed() {
        return bytesUsed;
    }

    /** Appends an entry whose internal key is {@code userKey} plus {@code trailer}; returns its address. Writer only. */
    long append(byte[] userKey, long trailer, byte[] value) {
        int keyLength = userKey.length + InternalKey.TRAILER_SIZE;
        int need = HEADER + keyLength + value.length;
        byte[] c = chunkCount == 0 ? null : chunks[chunkCount - 1];
        if (c == null || position + need > c.length) {
            c = newChunk(need);
        }
        int off = position;
        position += need;
        INTS.set(c, off, keyLength);
        INTS.set(c, off + 4, value.length);
        System.arraycopy(userKey, 0, c, off + HEADER, userKey.length);
        Coding.putLong(c, off + HEADER + userKey.length, trailer);
        System.arraycopy(value, 0, c, off + HEADER + keyLength, value.length);
        BYTES_USED.setRelease(this, bytesUsed + need);
        return ((long) (chunkCount - 1) << 32) | off;
    }

    private byte[] newChunk(int need) {
        byte[] c = new byte[Math.max(CHUNK_SIZE, need)];
        byte[][] table = chunks;
        // readers may hold the old table: publish a new one rather than write into it
        table = chunkCount == table.length ? Arrays.copyOf(table, table.length * 2) : table.clone();
        table[chunkCount++] = c;
        chunks = table;
        position = 0;
        return c;
    }

    // ---------------------------------------------------------------- reading an entry

    /**
     * The chunk of an address. Readers learn addresses only through a release store the writer made
     * after publishing the chunk (the hash index's slot, or a leaf's version), so it is in the table.
     */
    byte[] chunk(long address) {
        return chunks[(int) (address >>> 32)];
    }

    static int offset(long address) {
        return (int) address;
    }

    static int keyLength(byte[] c, int off) {
        return (int) INTS.get(c, off);
    }

    static int valueLength(byte[] c, int off) {
        return (int) INTS.get(c, off + 4);
    }

    /** The entry's internal key, copied. */
    byte[] key(long address) {
        byte[] c = chunk(address);
        int off = offset(address);
        int k = off + HEADER;
        return Arrays.copyOfRange(c, k, k + keyLength(c, off));
    }

    /** Points {@code slice} at the entry's internal key, where it lies in its chunk. */
    void slice(long address, KeySlice slice) {
        byte[] c = chunk(address);
        int off = offset(address);
        slice.set(c, off + HEADER, keyLength(c, off));
    }

    /** The entry's value, copied. */
    byte[] value(long address) {
        byte[] c = chunk(address);
        int off = offset(address);
        int v = off + HEADER + keyLength(c, off);
        return Arrays.copyOfRange(c, v, v + valueLength(c, off));
    }

    long trailer(long address) {
        byte[] c = chunk(address);
        int off = offset(address);
        return Coding.getLong(c, off + HEADER + keyLength(c, off) - InternalKey.TRAILER_SIZE);
    }

    /** Whether the entry's user key is {@code key[0, length)}. */
    boolean userKeyEquals(long address, byte[] key, int length) {
        byte[] c = chunk(address);
        int off = offset(address);
        int k = off + HEADER;
        return Arrays.equals(c, k, k + keyLength(c, off) - InternalKey.TRAILER_SIZE, key, 0, length);
    }

    /** Compares the entry's internal key with {@code key[0, userKeyLength)} plus {@code trailer}. */
    int compare(long address, byte[] key, int userKeyLength, long trailer) {
        byte[] c = chunk(address);
        int off = offset(address);
        int k = off + HEADER;
        int len = keyLength(c, off) - InternalKey.TRAILER_SIZE;
        int cmp = Arrays.compareUnsigned(c, k, k + len, key, 0, userKeyLength);
        if (cmp != 0) {
            return cmp;
        }
        return Long.compareUnsigned(trailer, Coding.getLong(c, k + len)); // newer (larger trailer) first
    }

    /** Four bytes of the entry's user key after {@code prefix}; see {@link Probe}. */
    int probe(long address, int prefix) {
        byte[] c = chunk(address);
        int off = offset(address);
        return Probe.of(c, off + HEADER, keyLength(c, off) - InternalKey.TRAILER_SIZE, prefix);
    }

    /**
     * Loads the cache line an entry starts on, so that its miss overlaps others instead of being
     * waited for when the entry is read; returns a byte only so the load is not optimized away.
     */
    byte touch(long address) {
        byte[] c = chunk(address);
        return c[offset(address)];
    }

    /**
     * Like {@link #touch}, for the entry's second and last lines: its lengths should be in cache.
     * Lines between those of a long entry are left to the hardware's prefetcher, which follows the
     * sequential copy; few instructions per entry let a group of these loads be under way at once.
     */
    byte touchRest(long address) {
        byte[] c = chunk(address);
        int off = offset(address);
        int last = off + HEADER + keyLength(c, off) + valueLength(c, off) - 1;
        return (byte) (c[Math.min(off + 64, last)] ^ c[last]);
    }
}
