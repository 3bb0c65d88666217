package io.lightningdb.spring.data.core;

import java.nio.charset.StandardCharsets;

/**
 * One key-value pair of a raw scan ({@link LightningTemplate#scanPrefix(byte[])}).
 *
 * @param key the key bytes
 * @param value the value bytes
 */
public record RawEntry(byte[] key, byte[] value) {
    /** The key decoded as UTF-8. */
    public String keyAsString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The value decoded as UTF-8. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
