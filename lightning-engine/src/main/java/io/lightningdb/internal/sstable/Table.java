package io.lightningdb.internal.sstable;

import io.lightningdb.CorruptionException;
import io.lightningdb.EncryptionKeyException;
import io.lightningdb.LightningException;
import io.lightningdb.internal.compress.BlockDecompressor;
import io.lightningdb.internal.compress.Codec;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.IteratorSource;
import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.ByteSource;
import io.lightningdb.internal.util.Checksums;
import io.lightningdb.internal.util.Coding;
import io.lightningdb.internal.util.KeyHash;
import io.lightningdb.internal.util.ReadOnlyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * An open, immutable table file. Index and bloom filter stay in memory; data blocks are read with
 * positional reads through the shared {@link BlockCache}, from a {@link ReadOnlyFile} so that an
 * interrupted reader cannot close the file for the others. Thread-safe.
 */
public final class Table implements IteratorSource, AutoCloseable {
    private final Path path;
    private final long fileNumber;
    private final ReadOnlyFile file;
    private final BlockCache cache;
    private final Encryptor encryptor;
    private final byte[] filter;
    private final IndexKeys index; // last internal key of each data block
    private final long[] blockOffsets;
    private final int[] blockSizes;
    private final long entries;
    private final ResidentBlocks resident;
    private final FilterUse filterUse = new FilterUse(); // whether point reads consult the filter

    private Table(
            Path path,
            long fileNumber,
            ReadOnlyFile file,
            BlockCache cache,
            Encryptor encryptor,
            byte[] filter,
            byte[][] indexKeys,
            long[] blockOffsets,
            int[] blockSizes,
            long entries) {
        this.path = path;
        this.fileNumber = fileNumber;
        this.file = file;
        this.cache = cache;
        this.encryptor = encryptor;
        this.filter = filter;
        this.index = new IndexKeys(indexKeys);
        this.blockOffsets = blockOffsets;
        this.blockSizes = blockSizes;
        this.entries = entries;
        this.resident = new ResidentBlocks(blockOffsets.length);
    }

    /** Opens a table, verifying footer, index and filter checksums. */
    public static Table open(Path path, long fileNumber, BlockCache cache) {
        return open(path, fileNumber, cache, null);
    }

    /** Opens a table whose blocks may be encrypted; {@code encryptor} is null when no key is configured. */
    public static Table open(Path path, long fileNumber, BlockCache cache, Encryptor encryptor) {
        ReadOnlyFile file = null;
        try {
            file = ReadOnlyFile.open(path);
            long size = file.size();
            if (size < TableFormat.FOOTER_SIZE) {
                throw new CorruptionException(path, 0, "file too short for a table: " + size + " bytes");
            }
            long footerOffset = size - TableFormat.FOOTER_SIZE;
            byte[] footer = new byte[TableFormat.FOOTER_SIZE];
            file.readFully(footerOffset, footer, 0, footer.length);
            int crcOffset = TableFormat.FOOTER_SIZE - 4;
            if (Checksums.crc32c(footer, 0, crcOffset) != Coding.getInt(footer, crcOffset)) {
                throw new CorruptionException(path, footerOffset, "footer checksum mismatch");
            }
            ByteSource f = new ByteSource(footer);
            BlockHandle index = handle(path, f.getLong(), f.getLong(), footerOffset);
            BlockHandle filterHandle = handle(path, f.getLong(), f.getLong(), footerOffset);
            long entries = f.getLong();
            int version = f.getInt();
            if (f.getLong() != TableFormat.MAGIC) {
                throw new CorruptionException(path, footerOffset, "bad magic number");
            }
            if (version != TableFormat.VERSION) {
                throw new CorruptionException(path, footerOffset, "unsupported table format version " + version);
            }
            byte[] filter = readBlockContents(file, filterHandle, encryptor);
            byte[] indexBytes = readBlockContents(file, index, encryptor);
            ByteSource in = new ByteSource(indexBytes);
            int count;
            byte[][] keys;
            long[] offsets;
            int[] sizes;
            try {
                count = in.getVarInt();
                keys = new byte[count][];
                offsets = new long[count];
                sizes = new int[count];
                for (int i = 0; i < count; i++) {
                    keys[i] = in.getLengthPrefixed();
                    offsets[i] = in.getVarLong();
                    sizes[i] = in.getVarInt();
                }
            } catch (ByteSource.MalformedException e) {
                throw new CorruptionException(path, index.offset(), "malformed index block: " + e.getMessage());
            }
            return new Table(path, fileNumber, file, cache, encryptor, filter, keys, offsets, sizes, entries);
        } catch (IOException e) {
            closeQuietly(file);
            throw new LightningException("Cannot open table " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private static BlockHandle handle(Path path, long offset, long size, long limit) {
        if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || offset + size > limit) {
            throw new CorruptionException(path, limit, "block handle out of range");
        }
        return new BlockHandle(offset, (int) size);
    }

    private static void closeQuietly(ReadOnlyFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    private static byte[] readBlockContents(ReadOnlyFile file, BlockHandle h, Encryptor encryptor) {
        Path path = file.path();
        byte[] buf = new byte[h.size() + TableFormat.BLOCK_TRAILER_SIZE];
        try {
            int n = file.readFully(h.offset(), buf, 0, buf.length);
            if (n < buf.length) {
                throw new CorruptionException(path, h.offset(), "block extends past end of file");
            }
        } catch (IOException e) {
            throw new LightningException("Cannot read " + path + " at " + h.offset() + ": " + e.getMessage(), e);
        }
        int crc = Coding.getInt(buf, h.size() + 1);
        if (Checksums.crc32c(buf, 0, h.size() + 1) != crc) {
            throw new CorruptionException(path, h.offset(), "block checksum mismatch");
        }
        int type = buf[h.size()] & 0xFF;
        byte[] stored = buf;
        int storedLength = h.size();
        if ((type & TableFormat.ENCRYPTED_FLAG) != 0) {
            if (encryptor == null) {
                throw new EncryptionKeyException(path + " is encrypted (block at offset " + h.offset()
                        + "), but no encryption key is configured");
            }
            stored = encryptor.decrypt(buf, 0, h.size(), path, h.offset());
            storedLength = stored.length;
            type &= ~TableFormat.ENCRYPTED_FLAG;
        }
        Codec codec = Codec.fromId(type);
        if (codec == null) {
            throw new CorruptionException(path, h.offset(), "unknown compression type " + type);
        }
        try {
            return BlockDecompressor.decompress(codec, stored, storedLength);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(path, h.offset(), e.getMessage());
        }
    }

    private Block dataBlock(int i) {
        return cache.get(resident, i, BlockCache.key(fileNumber, blockOffsets[i]), () -> readDataBlock(i));
    }

    private Block readDataBlock(int i) {
        BlockHandle h = new BlockHandle(blockOffsets[i], blockSizes[i]);
        byte[] contents = readBlockContents(file, h, encryptor);
        try {
            return new Block(contents);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(path, h.offset(), e.getMessage());
        }
    }

    /**
     * Reads every data block from the file, bypassing the cache, and checks its checksum, codec and
     * entries. Each damaged block goes to {@code problems} and the check moves on to the next one.
     *
     * @return the number of blocks read
     */
    public int verifyDataBlocks(Consumer<CorruptionException> problems) {
        for (int i = 0; i < blockOffsets.length; i++) {
            try {
                readDataBlock(i).decodeAll();
            } catch (CorruptionException e) {
                problems.accept(e);
            } catch (RuntimeException e) { // entries that pass the checksum but do not decode
                problems.accept(new CorruptionException(path, blockOffsets[i], "malformed block: " + e));
            }
        }
        return blockOffsets.length;
    }

    /** Index of the first data block whose last key is {@code >= target}, or the block count. */
    private int findBlock(byte[] target) {
        return index.findFirstAtOrAfter(target);
    }

    /** Whether the bloom filter admits {@code userKey}. */
    public boolean mayContain(byte[] userKey) {
        return BloomFilter.mayContain(filter, KeyHash.of(userKey, userKey.length));
    }

    /** Newest entry for {@code userKey} at or below {@code sequence}, resolved by the time of {@code clock}; see {@link Lookup}. */
    public byte[] get(byte[] userKey, long sequence, Clock clock) {
        return get(userKey, KeyHash.of(userKey, userKey.length), sequence, clock);
    }

    /** Like {@link #get(byte[], long, Clock)}, with the key's {@link KeyHash} already computed. */
    public byte[] get(byte[] userKey, long hash, long sequence, Clock clock) {
        if (!filterUse.admits(filter, hash)) {
            return null;
        }
        byte[] target = InternalKey.seekKey(userKey, sequence);
        int b = findBlock(target);
        if (b == index.count()) {
            return null;
        }
        Block.Cursor c = dataBlock(b).cursor();
        c.seek(target);
        if (!c.valid() || !c.userKeyEquals(userKey)) {
            return null;
        }
        int type = (int) (c.currentTrailer() & 0xFF);
        return type == ValueType.DELETION ? Lookup.DELETED : Lookup.resolve(type, c.value(), clock);
    }

    @Override
    public InternalIterator iterator(Direction direction, byte[] target) {
        return direction == Direction.FORWARD ? new ForwardIterator(target, true) : new ReverseIterator(target);
    }

    /**
     * A forward iterator over the whole table that reads blocks without adding them to the cache:
     * compaction reads each block once, and must not evict the blocks readers are using.
     */
    public InternalIterator uncachedIterator() {
        return new ForwardIterator(null, false);
    }

    public Path path() {
        return path;
    }

    public long fileNumber() {
        return fileNumber;
    }

    public long entries() {
        return entries;
    }

    /** Whether point reads skip this table's bloom filter now ({@link FilterUse}). */
    boolean filterSkipped() {
        return filterUse.skipping();
    }

    /** How many of this table's blocks it references directly (they are in the cache). */
    int residentBlocks() {
        return resident.count();
    }

    /** Drops this table's blocks from the shared cache; called when the file is deleted. */
    public void evictFromCache() {
        cache.evictTable(fileNumber);
    }

    @Override
    public void close() {
        closeQuietly(file);
    }

    private final class ForwardIterator implements InternalIterator {
        private final boolean useCache;
        private final KeySlice key = new KeySlice();
        private int blockIndex;
        private Block.Cursor cursor;

        ForwardIterator(byte[] target, boolean useCache) {
            this.useCache = useCache;
            blockIndex = target == null ? 0 : findBlock(target);
            if (blockIndex < index.count()) {
                cursor = block(blockIndex).cursor();
                if (target == null) {
                    cursor.seekToFirst();
                } else {
                    cursor.seek(target);
                }
                skipExhausted();
            }
        }

        private void skipExhausted() {
            while (!cursor.valid() && ++blockIndex < index.count()) {
                cursor = block(blockIndex).cursor();
                cursor.seekToFirst();
            }
            if (cursor.valid()) {
                cursor.slice(key);
            }
        }

        private Block block(int i) {
            return useCache ? dataBlock(i) : readDataBlock(i);
        }

        @Override
        public boolean valid() {
            return blockIndex < index.count() && cursor.valid();
        }

        @Override
        public byte[] key() {
            return cursor.key();
        }

        @Override
        public KeySlice keySlice() {
            return key;
        }

        @Override
        public byte[] value() {
            return cursor.value();
        }

        @Override
        public void next() {
            cursor.next();
            skipExhausted();
        }
    }

    private final class ReverseIterator implements InternalIterator {
        private final KeySlice key = new KeySlice();
        private int blockIndex;
        private Block.Cursor.Decoded entries;
        private int pos;

        ReverseIterator(byte[] target) {
            if (target == null) {
                blockIndex = index.count() - 1;
                load();
                pos = entries == null ? -1 : entries.count() - 1;
            } else {
                blockIndex = Math.min(findBlock(target), index.count() - 1);
                load();
                pos = entries == null ? -1 : entries.count() - 1;
                while (pos >= 0 && InternalKey.compare(entries.keys()[pos], target) > 0) {
                    pos--;
                }
            }
            skipExhausted();
        }

        private void load() {
            entries = blockIndex >= 0 ? dataBlock(blockIndex).decodeAll() : null;
        }

        private void skipExhausted() {
            while (pos < 0 && --blockIndex >= 0) {
                load();
                pos = entries.count() - 1;
            }
            if (pos >= 0) {
                byte[] k = entries.keys()[pos];
                key.set(k, 0, k.length);
            }
        }

        @Override
        public boolean valid() {
            return pos >= 0;
        }

        @Override
        public byte[] key() {
            return entries.keys()[pos];
        }

        @Override
        public KeySlice keySlice() {
            return key;
        }

        @Override
        public byte[] value() {
            return entries.values()[pos];
        }

        @Override
        public void next() {
            pos--;
            skipExhausted();
        }
    }
}
