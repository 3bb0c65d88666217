package io.lightningdb.internal.compress;

/**
 * The codecs a table block can be stored with, by the id written in the block trailer. The ids are
 * part of the file format: never renumber them.
 */
public enum Codec {
    NONE(0),
    SNAPPY(1),
    LZ4(2),
    ZSTD(3);

    private final int id;

    Codec(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The codec with trailer id {@code id}, or null when the id is unknown. */
    public static Codec fromId(int id) {
        for (Codec c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }
}
