package io.lightningdb.internal.compress;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.lightningdb.internal.util.ByteSource;

/** Restores blocks written by {@link BlockCompressor}, whatever codec each was stored with. */
public final class BlockDecompressor {
    /** Larger than any block the engine writes; a bigger claimed length means damage, not data. */
    private static final int MAX_RAW_LENGTH = 256 << 20;

    private static final ThreadLocal<Decompressor> LZ4 = ThreadLocal.withInitial(Lz4Decompressor::new);
    private static final ThreadLocal<Decompressor> SNAPPY = ThreadLocal.withInitial(SnappyDecompressor::new);
    private static final ThreadLocal<Decompressor> ZSTD = ThreadLocal.withInitial(ZstdDecompressor::new);

    private BlockDecompressor() {}

    /**
     * Decodes {@code stored[0, len)} stored with {@code codec}.
     *
     * @throws IllegalArgumentException when the bytes do not decode to the length they claim
     */
    public static byte[] decompress(Codec codec, byte[] stored, int len) {
        if (codec == Codec.NONE) {
            return len == stored.length ? stored : java.util.Arrays.copyOf(stored, len);
        }
        ByteSource in = new ByteSource(stored, 0, len);
        long rawLength;
        try {
            rawLength = in.getVarLong();
        } catch (ByteSource.MalformedException e) {
            throw new IllegalArgumentException("bad raw length of a " + codec + " block");
        }
        if (rawLength < 0 || rawLength > MAX_RAW_LENGTH) {
            throw new IllegalArgumentException("implausible raw length " + rawLength + " of a " + codec + " block");
        }
        byte[] raw = new byte[(int) rawLength];
        Decompressor d = switch (codec) {
            case LZ4 -> LZ4.get();
            case SNAPPY -> SNAPPY.get();
            case ZSTD -> ZSTD.get();
            case NONE -> throw new AssertionError();
        };
        int n;
        try {
            n = d.decompress(stored, in.position(), len - in.position(), raw, 0, raw.length);
        } catch (RuntimeException e) { // MalformedInputException, or an index error on damaged input
            throw new IllegalArgumentException(codec + " block does not decompress: " + e.getMessage());
        }
        if (n != raw.length) {
            throw new IllegalArgumentException(
                    codec + " block decompressed to " + n + " bytes, expected " + raw.length);
        }
        return raw;
    }
}
