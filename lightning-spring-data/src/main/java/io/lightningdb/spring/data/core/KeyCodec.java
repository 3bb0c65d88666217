package io.lightningdb.spring.data.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The key layout of entities and index entries.
 *
 * <ul>
 *   <li>entity: {@code keyspace ':' id}, the id encoded so that key order is id order: a String as
 *       UTF-8, a Long/Integer as big-endian with the sign bit flipped (numeric order, negatives
 *       first), a UUID as its two halves with flipped sign bits ({@link UUID#compareTo} order);
 *   <li>index entry: {@code 0x00 'i:' keyspace ':' property ':' value id}, value encoded by {@link
 *       io.lightningdb.spring.data.index.IndexValueEncoder}; the leading zero byte keeps index
 *       entries out of every keyspace scan.
 * </ul>
 */
public final class KeyCodec {
    private static final byte SEPARATOR = ':';
    private static final byte[] INDEX_MARK = {0, 'i', ':'};

    private KeyCodec() {}

    /** Whether ids of {@code type} can be encoded. */
    public static boolean supportsIdType(Class<?> type) {
        return type == String.class
                || type == Long.class
                || type == long.class
                || type == Integer.class
                || type == int.class
                || type == UUID.class;
    }

    /** The order-preserving bytes of {@code id}. */
    public static byte[] encodeId(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("The id must not be null");
        }
        if (id instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (id instanceof Long l) {
            return ByteBuffer.allocate(8).putLong(l ^ Long.MIN_VALUE).array();
        }
        if (id instanceof Integer i) {
            return ByteBuffer.allocate(4).putInt(i ^ Integer.MIN_VALUE).array();
        }
        if (id instanceof UUID u) {
            return ByteBuffer.allocate(16)
                    .putLong(u.getMostSignificantBits() ^ Long.MIN_VALUE)
                    .putLong(u.getLeastSignificantBits() ^ Long.MIN_VALUE)
                    .array();
        }
        throw new IllegalArgumentException(
                "Unsupported id type " + id.getClass().getName() + ": use String, Long, Integer or UUID");
    }

    /** {@code keyspace ':'}, the prefix of every entity key of the keyspace. */
    public static byte[] keyspacePrefix(String keyspace) {
        return concat(keyspace.getBytes(StandardCharsets.UTF_8), new byte[] {SEPARATOR});
    }

    /** The key of the entity with encoded id {@code idBytes}. */
    public static byte[] entityKey(String keyspace, byte[] idBytes) {
        return concat(keyspacePrefix(keyspace), idBytes);
    }

    /** The prefix of every index entry of the keyspace. */
    public static byte[] indexPrefix(String keyspace) {
        return concat(INDEX_MARK, keyspacePrefix(keyspace));
    }

    /** The prefix of every index entry of one property of the keyspace. */
    public static byte[] indexPrefix(String keyspace, String propertyPath) {
        return concat(indexPrefix(keyspace), propertyPath.getBytes(StandardCharsets.UTF_8), new byte[] {SEPARATOR});
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Unsigned lexicographic comparison, the engine's key order. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
