package io.lightningdb.internal.compress;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.lightningdb.Compression;
import io.lightningdb.internal.util.ByteSink;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compresses table blocks as the configured {@link Compression} asks and counts bytes in and out.
 * Thread-safe: the codecs keep hash tables, so each thread gets its own.
 *
 * <p>A compressed block is stored as {@code varint raw length | codec output}: the raw length lets
 * the reader allocate the block exactly, whatever the codec's own framing.
 */
public final class BlockCompressor {
    /** ADAPTIVE keeps a compressed block only when it saves at least 1/8 (RocksDB's threshold). */
    private static final int ADAPTIVE_MIN_SAVING_SHIFT = 3;

    private static final ThreadLocal<Compressor> LZ4 = ThreadLocal.withInitial(Lz4Compressor::new);
    private static final ThreadLocal<Compressor> SNAPPY = ThreadLocal.withInitial(SnappyCompressor::new);
    private static final ThreadLocal<Compressor> ZSTD = ThreadLocal.withInitial(ZstdCompressor::new);
    private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(8192));

    /** The Zstandard level of the pure-Java codec, the only one it implements. */
    public static final int DEFAULT_ZSTD_LEVEL = 3;

    private final Compression compression;
    private final int zstdLevel;
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    public BlockCompressor(Compression compression) {
        this(compression, DEFAULT_ZSTD_LEVEL);
    }

    /**
     * @throws IllegalArgumentException if {@code zstdLevel} is not the default and zstd-jni, which
     *     other levels need, is not on the class path
     */
    public BlockCompressor(Compression compression, int zstdLevel) {
        if (compression == Compression.ZSTD && zstdLevel != DEFAULT_ZSTD_LEVEL && !ZstdLevels.available()) {
            throw new IllegalArgumentException("zstdLevel " + zstdLevel + " needs com.github.luben:zstd-jni on the"
                    + " class path; without it only level " + DEFAULT_ZSTD_LEVEL + " is available");
        }
        this.compression = compression;
        this.zstdLevel = zstdLevel;
    }

    /** No compression: what index and filter blocks, and tools that copy blocks, use. */
    public static final BlockCompressor NONE = new BlockCompressor(Compression.NONE);

    /** A block as it goes to disk: codec and stored bytes. */
    public record Encoded(Codec codec, byte[] bytes) {}

    /** Encodes a data block, counting it in {@link #bytesIn()} and {@link #bytesOut()}. */
    public Encoded compress(byte[] raw) {
        Encoded e = encode(raw);
        bytesIn.add(raw.length);
        bytesOut.add(e.bytes().length);
        return e;
    }

    private Encoded encode(byte[] raw) {
        Codec codec = switch (compression) {
            case NONE -> Codec.NONE;
            case LZ4, ADAPTIVE -> Codec.LZ4;
            case SNAPPY -> Codec.SNAPPY;
            case ZSTD -> Codec.ZSTD;
        };
        if (codec == Codec.NONE) {
            return new Encoded(Codec.NONE, raw);
        }
        byte[] packed = pack(codec, raw);
        int limit = compression == Compression.ADAPTIVE
                ? raw.length - (raw.length >> ADAPTIVE_MIN_SAVING_SHIFT)
                : raw.length;
        // A block that does not shrink (enough) is stored raw: reads then skip decompression.
        return packed.length < limit ? new Encoded(codec, packed) : new Encoded(Codec.NONE, raw);
    }

    private byte[] pack(Codec codec, byte[] raw) {
        ByteSink out = SCRATCH.get();
        out.reset();
        out.putVarLong(raw.length);
        int header = out.size();
        int n;
        switch (codec) {
            case LZ4 -> n = into(LZ4.get(), raw, out, header);
            case SNAPPY -> n = into(SNAPPY.get(), raw, out, header);
            case ZSTD ->
                n = zstdLevel == DEFAULT_ZSTD_LEVEL
                        ? into(ZSTD.get(), raw, out, header)
                        : zstdAtLevel(raw, out, header);
            default -> throw new IllegalArgumentException("not a compressing codec: " + codec);
        }
        byte[] packed = new byte[header + n];
        System.arraycopy(out.array(), 0, packed, 0, packed.length);
        return packed;
    }

    private int zstdAtLevel(byte[] raw, ByteSink out, int at) {
        out.ensure(ZstdLevels.maxCompressedLength(raw.length));
        return ZstdLevels.compress(raw, zstdLevel, out.array(), at);
    }

    private static int into(Compressor c, byte[] raw, ByteSink out, int at) {
        out.ensure(c.maxCompressedLength(raw.length));
        return c.compress(raw, 0, raw.length, out.array(), at, out.array().length - at);
    }

    /** Raw bytes of the data blocks encoded so far. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Stored bytes of the data blocks encoded so far. */
    public long bytesOut() {
        return bytesOut.sum();
    }
}
