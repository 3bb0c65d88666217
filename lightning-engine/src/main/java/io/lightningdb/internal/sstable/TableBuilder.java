package io.lightningdb.internal.sstable;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.compress.BlockCompressor;
import io.lightningdb.internal.compress.Codec;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.Checksums;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.KeyHash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one immutable table from entries added in internal-key order. The file is written under a
 * temporary name and published atomically by {@link #finish()}.
 */
public final class TableBuilder implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel out;
    private final int blockSize;
    private final int bloomBitsPerKey;
    private final BlockCompressor compressor;
    private final Encryptor encryptor; // null: blocks are stored in plain
    private final BlockBuilder block = new BlockBuilder(TableFormat.RESTART_INTERVAL);
    private final ByteSink index = new ByteSink(4096);
    private final ByteSink pending = new ByteSink(64 * 1024);
    private long[] keyHashes = new long[1024];
    private int keyHashCount;
    private int indexCount;
    private long offset;
    private long entries;
    private byte[] smallest;
    private byte[] largest;
    private boolean finished;

    /** Result of a finished table. */
    public record Info(long fileSize, long entries, byte[] smallest, byte[] largest) {}

    /** A builder of uncompressed, unencrypted tables. */
    public TableBuilder(WriteChannelFactory channels, Path target, int blockSize, int bloomBitsPerKey)
            throws IOException {
        this(channels, target, blockSize, bloomBitsPerKey, BlockCompressor.NONE, null);
    }

    public TableBuilder(
            WriteChannelFactory channels,
            Path target,
            int blockSize,
            int bloomBitsPerKey,
            BlockCompressor compressor,
            Encryptor encryptor)
            throws IOException {
        this.encryptor = encryptor;
        this.target = target;
        this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
        this.out = FileIo.openForWrite(channels, tmp, false);
        this.blockSize = blockSize;
        this.bloomBitsPerKey = bloomBitsPerKey;
        this.compressor = compressor;
    }

    /** Adds an entry; keys must arrive in strictly increasing internal-key order. */
    public void add(byte[] ikey, byte[] value) throws IOException {
        if (smallest == null) {
            smallest = ikey;
        }
        if (largest == null || !InternalKey.sameUserKey(largest, ikey)) {
            addKeyHash(KeyHash.of(ikey, InternalKey.userKeyLength(ikey)));
        }
        largest = ikey;
        block.add(ikey, value);
        entries++;
        if (block.estimatedSize() >= blockSize) {
            flushBlock();
        }
    }

    private void addKeyHash(long h) {
        if (keyHashCount == keyHashes.length) {
            keyHashes = Arrays.copyOf(keyHashes, keyHashCount * 2);
        }
        keyHashes[keyHashCount++] = h;
    }

    /** Bytes written so far plus the open block: decides when a compaction output is full. */
    public long estimatedSize() {
        return offset + pending.size() + block.estimatedSize();
    }

    public long entries() {
        return entries;
    }

    private void flushBlock() throws IOException {
        if (block.isEmpty()) {
            return;
        }
        BlockCompressor.Encoded encoded = compressor.compress(block.finish());
        BlockHandle h = writeBlock(encoded.bytes(), encoded.codec());
        block.reset();
        index.putLengthPrefixed(largest);
        index.putVarLong(h.offset()).putVarLong(h.size());
        indexCount++;
    }

    private BlockHandle writeBlock(byte[] contents, Codec codec) throws IOException {
        int type = codec.id();
        if (encryptor != null) {
            contents =
                    encryptor.encrypt(contents, 0, contents.length); // after compression: ciphertext does not compress
            type |= TableFormat.ENCRYPTED_FLAG;
        }
        BlockHandle handle = new BlockHandle(offset + pending.size(), contents.length);
        pending.putBytes(contents);
        pending.putByte(type);
        int crcStart = pending.size() - contents.length - 1;
        pending.putInt(Checksums.crc32c(pending.array(), crcStart, contents.length + 1));
        if (pending.size() >= 64 * 1024) {
            drain();
        }
        return handle;
    }

    private void drain() throws IOException {
        FileIo.writeFully(out, pending.array(), 0, pending.size());
        offset += pending.size();
        pending.reset();
    }

    /** Writes filter, index and footer, syncs, and publishes the file under its final name. */
    public Info finish() throws IOException {
        if (entries == 0) {
            throw new IllegalStateException("empty table");
        }
        flushBlock();
        BlockHandle filter = writeBlock(BloomFilter.build(keyHashes, keyHashCount, bloomBitsPerKey), Codec.NONE);
        ByteSink indexBlock = new ByteSink(index.size() + 8);
        indexBlock.putVarLong(indexCount).putBytes(index.array(), 0, index.size());
        BlockHandle indexHandle = writeBlock(indexBlock.toByteArray(), Codec.NONE);
        ByteSink footer = new ByteSink(TableFormat.FOOTER_SIZE);
        footer.putLong(indexHandle.offset()).putLong(indexHandle.size());
        footer.putLong(filter.offset()).putLong(filter.size());
        footer.putLong(entries).putInt(TableFormat.VERSION).putLong(TableFormat.MAGIC);
        footer.putInt(Checksums.crc32c(footer.array(), 0, footer.size()));
        pending.putBytes(footer.array(), 0, footer.size());
        drain();
        out.force(true);
        out.close();
        FileIo.publish(tmp, target);
        finished = true;
        return new Info(offset, entries, smallest, largest);
    }

    /** Closes and deletes an unfinished table. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            out.close();
            Files.deleteIfExists(tmp);
        }
    }
}
