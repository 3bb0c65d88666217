package io.lightningdb.internal.compaction;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.Expiry;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.sstable.TableBuilder;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.version.FileMetaData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Writes a sorted stream of internal entries into one or more tables, dropping what no reader can
 * see. Shared by memtable flushes and compactions.
 *
 * <p>An entry is dropped when a newer entry of the same key is visible to the oldest reader
 * ({@code smallestSnapshot}), or when it is a deletion visible to everyone and no deeper level can
 * hold an older value it would have to hide ({@code isBaseLevel}). An expired value becomes a
 * deletion first: it must keep hiding older values of its key until those are gone too.
 */
public final class TableWriter {
    private final WriteChannelFactory channels;
    private final Path dir;
    private final int blockSize;
    private final int bloomBitsPerKey;
    private final long targetFileSize;
    private final LongSupplier newFileNumber;

    /** Outcome: the tables written and the bytes they hold. */
    public record Result(List<FileMetaData> files, long bytesWritten, long entriesDropped) {}

    public TableWriter(
            WriteChannelFactory channels,
            Path dir,
            int blockSize,
            int bloomBitsPerKey,
            long targetFileSize,
            LongSupplier newFileNumber) {
        this.channels = channels;
        this.dir = dir;
        this.blockSize = blockSize;
        this.bloomBitsPerKey = bloomBitsPerKey;
        this.targetFileSize = targetFileSize;
        this.newFileNumber = newFileNumber;
    }

    /**
     * @param isBaseLevel whether no deeper level may hold the given user key (then deletions visible to
     *     every reader can go)
     */
    public Result write(InternalIterator input, long smallestSnapshot, long nowMillis, Predicate<byte[]> isBaseLevel)
            throws IOException {
        List<FileMetaData> files = new ArrayList<>();
        long bytes = 0;
        long dropped = 0;
        TableBuilder builder = null;
        long builderNumber = -1;
        byte[] currentUserKey = null;
        long lastSequenceForKey = Long.MAX_VALUE;
        try {
            for (; input.valid(); input.next()) {
                byte[] ikey = input.key();
                byte[] value = input.value();
                if (InternalKey.type(ikey) == ValueType.VALUE_EXPIRING && Expiry.isExpired(value, nowMillis)) {
                    ikey = InternalKey.encode(
                            InternalKey.userKey(ikey), InternalKey.sequence(ikey), ValueType.DELETION);
                    value = Lookup.DELETED;
                }
                boolean newUserKey = currentUserKey == null || !InternalKey.sameUserKey(ikey, currentUserKey);
                if (newUserKey) {
                    currentUserKey = ikey;
                    lastSequenceForKey = Long.MAX_VALUE;
                }
                long seq = InternalKey.sequence(ikey);
                boolean drop = lastSequenceForKey <= smallestSnapshot
                        || (InternalKey.type(ikey) == ValueType.DELETION
                                && seq <= smallestSnapshot
                                && isBaseLevel.test(InternalKey.userKey(ikey)));
                lastSequenceForKey = seq;
                if (drop) {
                    dropped++;
                    continue;
                }
                if (builder != null && newUserKey && builder.estimatedSize() >= targetFileSize) {
                    FileMetaData f = finish(builder, builderNumber);
                    files.add(f);
                    bytes += f.size();
                    builder = null;
                }
                if (builder == null) {
                    builderNumber = newFileNumber.getAsLong();
                    builder =
                            new TableBuilder(channels, FileNames.table(dir, builderNumber), blockSize, bloomBitsPerKey);
                }
                builder.add(ikey, value);
            }
            if (builder != null) {
                FileMetaData f = finish(builder, builderNumber);
                files.add(f);
                bytes += f.size();
                builder = null;
            }
            return new Result(files, bytes, dropped);
        } catch (IOException | RuntimeException e) {
            if (builder != null) {
                builder.close();
            }
            for (FileMetaData f : files) {
                Files.deleteIfExists(FileNames.table(dir, f.number()));
            }
            throw e;
        }
    }

    private static FileMetaData finish(TableBuilder builder, long number) throws IOException {
        TableBuilder.Info info = builder.finish();
        return new FileMetaData(number, info.fileSize(), info.entries(), info.smallest(), info.largest());
    }
}
