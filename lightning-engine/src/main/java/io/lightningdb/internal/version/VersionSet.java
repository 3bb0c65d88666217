package io.lightningdb.internal.version;

import io.lightningdb.CorruptionException;
import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.wal.LogReader;
import io.lightningdb.internal.wal.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Owns the current {@link Version} and the manifest that makes it durable. Every change is a
 * {@link VersionEdit} appended and fsynced to the manifest before it is installed. Each open writes
 * a fresh manifest holding one snapshot edit and swaps {@code CURRENT} to it atomically. Not
 * thread-safe: callers hold the database lock.
 */
public final class VersionSet implements AutoCloseable {
    private final Path dir;
    private final WriteChannelFactory channels;
    private final Consumer<FileMetaData> onObsolete;
    private final Encryptor encryptor;
    private Version current;
    private long nextFileNumber = 1;
    private long logNumber;
    private long lastSequence;
    private long manifestNumber = -1;
    private LogWriter manifest;
    private final byte[][] compactPointers = new byte[Version.NUM_LEVELS][];

    public VersionSet(Path dir, WriteChannelFactory channels, Consumer<FileMetaData> onObsolete, Encryptor encryptor) {
        this.dir = dir;
        this.encryptor = encryptor;
        this.channels = channels;
        this.onObsolete = onObsolete;
        install(new Version(Version.emptyLevels(), onObsolete));
    }

    /** Whether the directory holds a database (a {@code CURRENT} file). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FileNames.CURRENT));
    }

    /** Loads the state named by {@code CURRENT}. */
    public void recover() throws IOException {
        Path currentFile = dir.resolve(FileNames.CURRENT);
        String name = Files.readString(currentFile, StandardCharsets.UTF_8);
        if (!name.endsWith("\n") || FileNames.parse(name.strip()).kind() != FileNames.Kind.MANIFEST) {
            throw new CorruptionException(currentFile, 0, "CURRENT does not name a manifest");
        }
        Path manifestPath = dir.resolve(name.strip());
        if (!Files.exists(manifestPath)) {
            throw new CorruptionException(currentFile, 0, "CURRENT names missing manifest " + name.strip());
        }
        List<VersionEdit> edits = new ArrayList<>();
        // A manifest edit counts only once fsynced; a crash can leave only an incomplete last record.
        LogReader.Result result = LogReader.read(
                manifestPath, LogReader.Tail.CRASHED, encryptor, payload -> edits.add(VersionEdit.decode(payload)));
        if (edits.isEmpty()) {
            throw new CorruptionException(manifestPath, 0, "manifest holds no complete record");
        }
        Builder builder = new Builder(current);
        boolean sawNext = false;
        for (VersionEdit e : edits) {
            builder.apply(e);
            if (e.logNumber() >= 0) {
                logNumber = e.logNumber();
            }
            if (e.nextFileNumber() >= 0) {
                nextFileNumber = e.nextFileNumber();
                sawNext = true;
            }
            if (e.lastSequence() >= 0) {
                lastSequence = e.lastSequence();
            }
        }
        if (!sawNext) {
            throw new CorruptionException(manifestPath, 0, "manifest lacks the next file number");
        }
        for (List<FileMetaData> files : builder.levels) {
            for (FileMetaData f : files) {
                if (!Files.exists(FileNames.table(dir, f.number()))) {
                    throw new CorruptionException(
                            FileNames.table(dir, f.number()),
                            0,
                            "table listed in " + manifestPath.getFileName() + " is missing");
                }
            }
        }
        install(builder.build());
        if (result.tornAt() >= 0) {
            org.slf4j.LoggerFactory.getLogger(VersionSet.class)
                    .warn("Ignored an incomplete record at the end of {} (offset {})", manifestPath, result.tornAt());
        }
        manifestNumber = FileNames.parse(manifestPath.getFileName().toString()).number();
        nextFileNumber = Math.max(nextFileNumber, manifestNumber + 1);
    }

    /**
     * Starts a new manifest holding the whole current state, then points {@code CURRENT} at it. The
     * previous manifest becomes obsolete.
     */
    public void writeSnapshotManifest() throws IOException {
        long number = newFileNumber();
        Path path = FileNames.manifest(dir, number);
        LogWriter writer = new LogWriter(channels, path, number, encryptor);
        try {
            byte[] payload = snapshotEdit(current, logNumber, nextFileNumber, lastSequence)
                    .encode();
            writer.append(payload, 0, payload.length);
            writer.sync();
            FileIo.syncDirectory(dir);
            byte[] currentName = (path.getFileName() + "\n").getBytes(StandardCharsets.UTF_8);
            FileIo.writeAtomically(channels, dir.resolve(FileNames.CURRENT), currentName);
        } catch (IOException | RuntimeException e) {
            try {
                writer.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        if (manifest != null) {
            manifest.close();
        }
        manifest = writer;
        manifestNumber = number;
    }

    /** One edit that describes {@code v} whole: the only record of a fresh manifest. */
    public static VersionEdit snapshotEdit(Version v, long logNumber, long nextFileNumber, long lastSequence) {
        VersionEdit snapshot = new VersionEdit()
                .logNumber(logNumber)
                .nextFileNumber(nextFileNumber)
                .lastSequence(lastSequence);
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                snapshot.addFile(level, f);
            }
        }
        return snapshot;
    }

    /**
     * Durably records {@code edit} in the manifest, then makes the resulting version current. Before
     * the first {@link #writeSnapshotManifest()} (during recovery) it only installs the version: the
     * snapshot manifest will record it.
     */
    public void logAndApply(VersionEdit edit) throws IOException {
        long newLogNumber = edit.logNumber() >= 0 ? edit.logNumber() : logNumber;
        long newLastSequence = Math.max(lastSequence, edit.lastSequence());
        edit.logNumber(newLogNumber).nextFileNumber(nextFileNumber).lastSequence(newLastSequence);
        Builder builder = new Builder(current);
        builder.apply(edit);
        if (manifest != null) {
            byte[] payload = edit.encode();
            manifest.append(payload, 0, payload.length);
            manifest.sync(); // nothing changes in memory unless the edit is durable
        }
        logNumber = newLogNumber;
        lastSequence = newLastSequence;
        install(builder.build());
    }

    private void install(Version v) {
        v.ref();
        Version old = current;
        current = v;
        if (old != null) {
            old.unref();
        }
    }

    public Version current() {
        return current;
    }

    public long newFileNumber() {
        return nextFileNumber++;
    }

    /**
     * Makes sure {@code number} is never handed out again. Log segments rotate without a manifest
     * edit, so after a crash the manifest's next file number can lie below files on disk; recovery
     * marks those as used before it allocates anything.
     */
    public void markFileNumberUsed(long number) {
        nextFileNumber = Math.max(nextFileNumber, number + 1);
    }

    public long logNumber() {
        return logNumber;
    }

    /** The next file number that will be handed out. */
    public long nextFileNumber() {
        return nextFileNumber;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public void lastSequence(long seq) {
        lastSequence = seq;
    }

    public long manifestNumber() {
        return manifestNumber;
    }

    public byte[] compactPointer(int level) {
        return compactPointers[level];
    }

    public void compactPointer(int level, byte[] largestKey) {
        compactPointers[level] = largestKey;
    }

    /** Numbers of every table file in the current version. */
    public Set<Long> liveTableNumbers() {
        Set<Long> live = new HashSet<>();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : current.files(level)) {
                live.add(f.number());
            }
        }
        return live;
    }

    @Override
    public void close() throws IOException {
        if (manifest != null) {
            manifest.close();
            manifest = null;
        }
    }

    /** Applies edits to a copy of a version's file lists. */
    private final class Builder {
        final List<List<FileMetaData>> levels = new ArrayList<>();

        Builder(Version base) {
            for (List<FileMetaData> files : base.levels()) {
                levels.add(new ArrayList<>(files));
            }
        }

        void apply(VersionEdit edit) {
            for (VersionEdit.Deleted d : edit.deleted()) {
                levels.get(d.level()).removeIf(f -> f.number() == d.number());
            }
            for (VersionEdit.Added a : edit.added()) {
                levels.get(a.level()).add(a.file());
            }
        }

        Version build() {
            List<List<FileMetaData>> sorted = new ArrayList<>(Version.NUM_LEVELS);
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                List<FileMetaData> files = new ArrayList<>(levels.get(level));
                if (level == 0) {
                    files.sort(Comparator.comparingLong(FileMetaData::number).reversed());
                } else {
                    files.sort((a, b) -> InternalKey.compare(a.smallest(), b.smallest()));
                }
                sorted.add(List.copyOf(files));
            }
            return new Version(sorted, onObsolete);
        }
    }
}
