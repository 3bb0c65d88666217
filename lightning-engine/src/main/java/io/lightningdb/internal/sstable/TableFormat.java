package io.lightningdb.internal.sstable;

/**
 * Constants of the table file format.
 *
 * <pre>
 * [data block 0] ... [data block n] [filter block] [index block] [footer]
 * block   = contents, compression type (1 byte), CRC32C of contents and type (4 bytes)
 * contents of a compressed block (type 1 Snappy, 2 LZ4, 3 Zstd) = varint raw length, codec output;
 *           type 0: the raw block. Index and filter blocks are never compressed.
 * encrypted block: type has bit 0x80 set; contents = key id, nonce, AES-256-GCM ciphertext and tag of
 *           what the block would hold unencrypted. Every block is encrypted when encryption is on;
 *           the footer (offsets and counts only) stays plain.
 * index   = varint count, then per data block: varint key length, last internal key, varint offset, varint size
 * filter  = bloom bits in 64-byte blocks, 0x80 | probe count (1 byte); tables written before blocked
 *           filters hold plain bloom bits and the probe count alone (see BloomFilter)
 * footer  = index offset, index size, filter offset, filter size (8 bytes each),
 *           entry count (8), format version (4), magic (8), CRC32C of the preceding 52 bytes (4)
 * </pre>
 */
final class TableFormat {
    static final long MAGIC = 0x4c69676874444231L; // "LightDB1"
    static final int VERSION = 1;
    static final int FOOTER_SIZE = 8 * 5 + 4 + 8 + 4;
    static final int BLOCK_TRAILER_SIZE = 5;
    static final int RESTART_INTERVAL = 16;
    /** Set in a block's type byte when its contents are an AES-GCM unit of the (compressed) block. */
    static final int ENCRYPTED_FLAG = 0x80;

    private TableFormat() {}
}
