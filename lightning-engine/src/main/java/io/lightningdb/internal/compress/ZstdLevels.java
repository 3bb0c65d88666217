package io.lightningdb.internal.compress;

import com.github.luben.zstd.Zstd;

/**
 * Zstandard at a chosen level through zstd-jni, the native library, for users who add it to the
 * class path: the pure-Java codec implements only level 3. Its output is a standard Zstandard
 * frame, so the pure-Java decompressor reads it. Loaded only when a level other than the default is
 * configured, so the engine needs no native code otherwise.
 */
final class ZstdLevels {
    private static final String CLASS = "com.github.luben.zstd.Zstd";

    private ZstdLevels() {}

    /** Whether zstd-jni can be loaded. */
    static boolean available() {
        try {
            Class.forName(CLASS, false, ZstdLevels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Compresses {@code raw} at {@code level} into {@code out} from {@code at}; returns the length. */
    static int compress(byte[] raw, int level, byte[] out, int at) {
        long n = Zstd.compressByteArray(out, at, out.length - at, raw, 0, raw.length, level);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
        }
        return (int) n;
    }

    /** Upper bound of the compressed size of {@code rawLength} bytes. */
    static int maxCompressedLength(int rawLength) {
        return (int) Zstd.compressBound(rawLength);
    }
}
