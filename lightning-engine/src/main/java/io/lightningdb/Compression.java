package io.lightningdb;

/**
 * How table data blocks are compressed, set with {@link LightningConfig.Builder#compression}. The
 * codec is recorded in every block, so a database stays readable after the setting changes: old
 * blocks keep their codec until compaction rewrites them with the new one.
 *
 * <pre>{@code
 * LightningConfig config = LightningConfig.builder()
 *         .compression(Compression.ZSTD)
 *         .build();
 * }</pre>
 *
 * <p>Every codec keeps a block uncompressed when compression would not make it smaller at all, so
 * incompressible data costs no decompression on reads.
 */
public enum Compression {
    /** Blocks are stored as written. */
    NONE,
    /** LZ4: fast to compress and very fast to decompress. */
    LZ4,
    /** Snappy: similar speed to LZ4, the LevelDB default. */
    SNAPPY,
    /**
     * Zstandard: smaller blocks for more CPU. Level 3 by default, compressed by the pure-Java codec
     * (aircompressor, the line that runs on Java 17), which implements only that level; other
     * levels ({@link LightningConfig.Builder#zstdLevel}) need the optional native library
     * {@code com.github.luben:zstd-jni} on the class path. Reading never needs it.
     */
    ZSTD,
    /**
     * LZ4 where it pays: each block is compressed with LZ4 and kept compressed only when that saves
     * at least 1/8 of its size; otherwise the raw block is stored and reads skip decompression.
     */
    ADAPTIVE
}
