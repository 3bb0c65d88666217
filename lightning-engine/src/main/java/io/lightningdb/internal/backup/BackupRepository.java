package io.lightningdb.internal.backup;

import io.lightningdb.BackupInfo;
import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.util.Coding;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory of numbered backup points that share table files:
 *
 * <pre>
 * backupDir/shared/NNNNNN-SIZE-FOOTERCRC.sst   tables, each stored once for every point using it
 * backupDir/points/ID/NNNNNN.log               the point's log segments (cut at a record boundary)
 * backupDir/points/ID/MANIFEST-NNNNNN          the point's manifest
 * backupDir/points/ID/BACKUP                   properties: id, created, sequence, tables
 * </pre>
 *
 * A shared table is named by its number, size and footer checksum, so tables of another database
 * (or of a restored copy that reused a number) never collide. A point is assembled under {@code
 * ID.tmp} and renamed into place, so it either exists whole or not at all.
 */
public final class BackupRepository {
    private static final String SHARED = "shared";
    private static final String POINTS = "points";
    private static final String META = "BACKUP";

    private final Path root;

    public BackupRepository(Path root) {
        this.root = root;
    }

    /** Adds a backup point from {@code capture}, copying only tables the directory lacks. */
    public BackupInfo add(BackupCapture capture) throws IOException {
        FileIo.createDirectory(root.resolve(SHARED));
        FileIo.createDirectory(root.resolve(POINTS));
        int id = points().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Path tmp = root.resolve(POINTS).resolve(id + ".tmp");
        deleteTree(tmp);
        FileIo.createDirectory(tmp);
        int added = 0;
        long bytes = 0;
        Map<String, String> tables = new LinkedHashMap<>();
        for (BackupCapture.FilePart t : capture.tables()) {
            Path source = FileNames.table(capture.sourceDir(), t.number());
            String shared = sharedName(source, t.number(), t.length());
            Path target = root.resolve(SHARED).resolve(shared);
            if (!Files.exists(target)) {
                Path partial = target.resolveSibling(shared + ".tmp");
                Files.deleteIfExists(partial);
                FileCopy.linkOrCopy(source, partial);
                FileIo.publish(partial, target);
                added++;
            }
            tables.put(source.getFileName().toString(), shared);
            bytes += t.length();
        }
        for (BackupCapture.FilePart log : capture.logs()) {
            FileCopy.copyPrefix(
                    FileNames.log(capture.sourceDir(), log.number()), FileNames.log(tmp, log.number()), log.length());
            bytes += log.length();
            added++;
        }
        DatabaseFiles.publishManifest(tmp, capture.manifestNumber(), capture.manifestRecord(), capture.encryptor());
        int files = tables.size() + capture.logs().size() + 1;
        BackupInfo info = new BackupInfo(id, capture.createdAt(), capture.sequence(), files, bytes, added + 1);
        writeMeta(tmp, info, tables);
        FileIo.publish(tmp, root.resolve(POINTS).resolve(Integer.toString(id)));
        return info;
    }

    /** Every complete backup point, oldest first. */
    public List<BackupInfo> list() throws IOException {
        List<BackupInfo> result = new ArrayList<>();
        for (int id : points()) {
            result.add(readInfo(id));
        }
        return result;
    }

    /** Recreates point {@code id} as a database directory at {@code target}, which must be empty. */
    public void restore(int id, Path target) throws IOException {
        Path point = pointDir(id);
        if (!Files.isRegularFile(point.resolve(META))) {
            throw new IllegalArgumentException("no backup point " + id + " in " + root);
        }
        DirectoryBackup.requireEmpty(target);
        FileIo.createDirectory(target);
        for (Map.Entry<String, String> t : readTables(id).entrySet()) {
            Path shared = root.resolve(SHARED).resolve(t.getValue());
            FileCopy.copyPrefix(shared, target.resolve(t.getKey()), Files.size(shared));
        }
        Path current = null;
        try (Stream<Path> s = Files.list(point)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(FileNames.CURRENT)) {
                    current = p;
                } else if (!name.equals(META)) {
                    FileCopy.copyPrefix(p, target.resolve(name), Files.size(p));
                }
            }
        }
        if (current == null) {
            throw new IllegalStateException("backup point " + id + " in " + root + " lacks CURRENT");
        }
        // CURRENT last: until it exists the target is not a database.
        FileIo.writeAtomically(
                WriteChannelFactory.DEFAULT, target.resolve(FileNames.CURRENT), Files.readAllBytes(current));
    }

    /** Deletes all but the newest {@code keep} points and the shared tables only they used. */
    public List<Integer> purge(int keep) throws IOException {
        List<Integer> ids = points();
        List<Integer> removed = new ArrayList<>(ids.subList(0, Math.max(0, ids.size() - keep)));
        for (int id : removed) {
            Path dir = pointDir(id);
            Path doomed = dir.resolveSibling(id + ".deleting");
            Files.move(dir, doomed); // out of the list first: a half-deleted point must not look whole
            deleteTree(doomed);
        }
        Set<String> used = new HashSet<>();
        for (int id : points()) {
            used.addAll(readTables(id).values());
        }
        Path shared = root.resolve(SHARED);
        if (Files.isDirectory(shared)) {
            try (Stream<Path> s = Files.list(shared)) {
                for (Path p : s.toList()) {
                    if (!used.contains(p.getFileName().toString())) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return removed;
    }

    private List<Integer> points() throws IOException {
        Path dir = root.resolve(POINTS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+"))
                    .map(Integer::valueOf)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    private Path pointDir(int id) {
        return root.resolve(POINTS).resolve(Integer.toString(id));
    }

    /** {@code number-size-footerCrc.sst}: the table's identity without reading all of it. */
    private static String sharedName(Path table, long number, long size) throws IOException {
        byte[] crc = new byte[4];
        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.READ)) {
            FileIo.readFully(ch, size - 4, crc, 0, 4);
        }
        return String.format("%06d-%d-%08x.sst", number, size, Coding.getInt(crc, 0));
    }

    private static void writeMeta(Path dir, BackupInfo info, Map<String, String> tables) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", Integer.toString(info.id()));
        p.setProperty("created", Long.toString(info.createdAt().toEpochMilli()));
        p.setProperty("sequence", Long.toString(info.sequence()));
        p.setProperty("files", Integer.toString(info.files()));
        p.setProperty("bytes", Long.toString(info.bytes()));
        StringBuilder t = new StringBuilder();
        tables.forEach((name, shared) ->
                t.append(t.length() == 0 ? "" : ",").append(name).append(':').append(shared));
        p.setProperty("tables", t.toString());
        StringWriter out = new StringWriter();
        p.store(out, "Lightning backup point");
        FileIo.writeAtomically(
                WriteChannelFactory.DEFAULT, dir.resolve(META), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Properties readMeta(int id) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(pointDir(id).resolve(META), StandardCharsets.UTF_8)));
        return p;
    }

    private BackupInfo readInfo(int id) throws IOException {
        Properties p = readMeta(id);
        return new BackupInfo(
                id,
                Instant.ofEpochMilli(Long.parseLong(p.getProperty("created"))),
                Long.parseLong(p.getProperty("sequence")),
                Integer.parseInt(p.getProperty("files")),
                Long.parseLong(p.getProperty("bytes")),
                0);
    }

    private Map<String, String> readTables(int id) throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        String list = readMeta(id).getProperty("tables", "");
        for (String entry : list.isEmpty() ? new String[0] : list.split(",")) {
            int colon = entry.indexOf(':');
            tables.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return tables;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
