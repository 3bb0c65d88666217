package io.lightningdb.spring.data.index;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

/**
 * Encodes property values into bytes whose unsigned order equals the values' natural ({@link
 * Comparable}) order, and where no encoding is a prefix of another. That lets an index key be
 * {@code value + id}, an equality lookup be a prefix scan and a range predicate be one key range.
 *
 * <p>Each encoding starts with a tag for the kind of value; {@code null} has the smallest tag.
 */
public final class IndexValueEncoder {
    private static final byte NULL = 0x00;
    private static final byte BOOLEAN = 0x10;
    private static final byte INTEGRAL = 0x20;
    private static final byte FLOATING = 0x30;
    private static final byte TEXT = 0x40;
    private static final byte ENUM = 0x50;
    private static final byte TEMPORAL = 0x60;
    private static final byte UUID_TAG = 0x70;

    private IndexValueEncoder() {}

    /** Whether values of {@code type} (boxed) can be indexed. */
    public static boolean supports(Class<?> type) {
        return tagOf(type) != -1;
    }

    /** The tag every non-null value of {@code type} starts with: the floor of a range scan. */
    public static byte tag(Class<?> type) {
        int tag = tagOf(type);
        if (tag == -1) {
            throw new IllegalArgumentException("Values of type " + type.getName() + " cannot be indexed");
        }
        return (byte) tag;
    }

    /** The order-preserving encoding of {@code value}, which must be null or of a supported type. */
    public static byte[] encode(Object value) {
        if (value == null) {
            return new byte[] {NULL};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        byte tag = tag(value.getClass());
        out.write(tag);
        switch (tag) {
            case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
            case INTEGRAL -> writeLong(out, ((Number) value).longValue());
            case FLOATING -> writeLong(out, orderedBits(((Number) value).doubleValue()));
            case TEXT -> writeText(out, value.toString());
            case ENUM -> writeLong(out, ((Enum<?>) value).ordinal());
            case TEMPORAL -> writeTemporal(out, value);
            default -> writeUuid(out, (UUID) value);
        }
        return out.toByteArray();
    }

    private static int tagOf(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return BOOLEAN;
        }
        if (type == Long.class
                || type == Integer.class
                || type == Short.class
                || type == Byte.class
                || type == long.class
                || type == int.class
                || type == short.class
                || type == byte.class) {
            return INTEGRAL;
        }
        if (type == Double.class || type == Float.class || type == double.class || type == float.class) {
            return FLOATING;
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return TEXT;
        }
        if (type.isEnum()
                || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            return ENUM;
        }
        if (type == Instant.class
                || type == LocalDate.class
                || type == LocalDateTime.class
                || type == LocalTime.class
                || type == Date.class) {
            return TEMPORAL;
        }
        return type == UUID.class ? UUID_TAG : -1;
    }

    /** Flips the sign bit so that unsigned byte order is signed numeric order. */
    private static void writeLong(ByteArrayOutputStream out, long v) {
        long u = v ^ Long.MIN_VALUE;
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (u >>> shift));
        }
    }

    /** Maps a double to a long whose signed order is {@link Double#compare} order. */
    private static long orderedBits(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? ~bits ^ Long.MIN_VALUE : bits;
    }

    /**
     * Two bytes per UTF-16 char (so order is {@link String#compareTo} order), char 0 escaped as
     * {@code 00 00 01} and the end marked by {@code 00 00 00}, which sorts before any char.
     */
    private static void writeText(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out.write(0);
                out.write(0);
                out.write(1);
            } else {
                out.write(c >>> 8);
                out.write(c & 0xFF);
            }
        }
        out.write(0);
        out.write(0);
        out.write(0);
    }

    private static void writeTemporal(ByteArrayOutputStream out, Object value) {
        if (value instanceof Instant i) {
            writeLong(out, i.getEpochSecond());
            writeLong(out, i.getNano());
        } else if (value instanceof LocalDateTime t) {
            writeLong(out, t.toEpochSecond(ZoneOffset.UTC));
            writeLong(out, t.getNano());
        } else if (value instanceof LocalDate d) {
            writeLong(out, d.toEpochDay());
        } else if (value instanceof LocalTime t) {
            writeLong(out, t.toNanoOfDay());
        } else {
            writeLong(out, ((Date) value).getTime());
        }
    }

    /** Sign bits flipped in both halves, matching {@link UUID#compareTo}'s signed comparison. */
    private static void writeUuid(ByteArrayOutputStream out, UUID u) {
        writeLong(out, u.getMostSignificantBits());
        writeLong(out, u.getLeastSignificantBits());
    }
}
