package io.lightningdb.internal.version;

import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.ByteSource;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to the set of live files, as recorded in the manifest: tables added and removed per
 * level, plus the counters recovery needs. Encoded as tagged fields.
 */
public final class VersionEdit {
    private static final int TAG_LOG_NUMBER = 1;
    private static final int TAG_NEXT_FILE = 2;
    private static final int TAG_LAST_SEQUENCE = 3;
    private static final int TAG_DELETED_FILE = 4;
    private static final int TAG_NEW_FILE = 5;

    /** A file removed from a level. */
    public record Deleted(int level, long number) {}

    /** A file added to a level. */
    public record Added(int level, FileMetaData file) {}

    private long logNumber = -1;
    private long nextFileNumber = -1;
    private long lastSequence = -1;
    private final List<Deleted> deleted = new ArrayList<>();
    private final List<Added> added = new ArrayList<>();

    public VersionEdit logNumber(long n) {
        logNumber = n;
        return this;
    }

    public VersionEdit nextFileNumber(long n) {
        nextFileNumber = n;
        return this;
    }

    public VersionEdit lastSequence(long n) {
        lastSequence = n;
        return this;
    }

    public VersionEdit deleteFile(int level, long number) {
        deleted.add(new Deleted(level, number));
        return this;
    }

    public VersionEdit addFile(int level, FileMetaData file) {
        added.add(new Added(level, file));
        return this;
    }

    public long logNumber() {
        return logNumber;
    }

    public long nextFileNumber() {
        return nextFileNumber;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public List<Deleted> deleted() {
        return deleted;
    }

    public List<Added> added() {
        return added;
    }

    public byte[] encode() {
        ByteSink out = new ByteSink(256);
        if (logNumber >= 0) {
            out.putVarLong(TAG_LOG_NUMBER).putVarLong(logNumber);
        }
        if (nextFileNumber >= 0) {
            out.putVarLong(TAG_NEXT_FILE).putVarLong(nextFileNumber);
        }
        if (lastSequence >= 0) {
            out.putVarLong(TAG_LAST_SEQUENCE).putVarLong(lastSequence);
        }
        for (Deleted d : deleted) {
            out.putVarLong(TAG_DELETED_FILE).putVarLong(d.level()).putVarLong(d.number());
        }
        for (Added a : added) {
            FileMetaData f = a.file();
            out.putVarLong(TAG_NEW_FILE).putVarLong(a.level()).putVarLong(f.number());
            out.putVarLong(f.size()).putVarLong(f.entries());
            out.putLengthPrefixed(f.smallest()).putLengthPrefixed(f.largest());
        }
        return out.toByteArray();
    }

    /** @throws ByteSource.MalformedException if the record is malformed */
    public static VersionEdit decode(byte[] payload) {
        VersionEdit e = new VersionEdit();
        ByteSource in = new ByteSource(payload);
        while (in.hasRemaining()) {
            int tag = in.getVarInt();
            switch (tag) {
                case TAG_LOG_NUMBER -> e.logNumber = in.getVarLong();
                case TAG_NEXT_FILE -> e.nextFileNumber = in.getVarLong();
                case TAG_LAST_SEQUENCE -> e.lastSequence = in.getVarLong();
                case TAG_DELETED_FILE -> e.deleted.add(new Deleted(level(in), in.getVarLong()));
                case TAG_NEW_FILE -> {
                    int level = level(in);
                    long number = in.getVarLong();
                    long size = in.getVarLong();
                    long entries = in.getVarLong();
                    byte[] smallest = in.getLengthPrefixed();
                    byte[] largest = in.getLengthPrefixed();
                    e.added.add(new Added(level, new FileMetaData(number, size, entries, smallest, largest)));
                }
                default -> throw new ByteSource.MalformedException("unknown manifest tag " + tag);
            }
        }
        return e;
    }

    private static int level(ByteSource in) {
        int level = in.getVarInt();
        if (level >= Version.NUM_LEVELS) {
            throw new ByteSource.MalformedException("level out of range: " + level);
        }
        return level;
    }
}
