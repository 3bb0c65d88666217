package io.lightningdb.internal.backup;

import io.lightningdb.BackupInfo;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes a captured backup as a plain database directory that {@code LightningDb.open} opens
 * directly. {@code CURRENT} is written last, so an interrupted backup is never mistaken for a
 * complete one.
 */
public final class DirectoryBackup {
    private DirectoryBackup() {}

    public static BackupInfo write(BackupCapture capture, Path target) throws IOException {
        requireEmpty(target);
        FileIo.createDirectory(target);
        long bytes = 0;
        for (BackupCapture.FilePart t : capture.tables()) {
            FileCopy.linkOrCopy(FileNames.table(capture.sourceDir(), t.number()), FileNames.table(target, t.number()));
            bytes += t.length();
        }
        for (BackupCapture.FilePart log : capture.logs()) {
            FileCopy.copyPrefix(
                    FileNames.log(capture.sourceDir(), log.number()),
                    FileNames.log(target, log.number()),
                    log.length());
            bytes += log.length();
        }
        DatabaseFiles.publishManifest(target, capture.manifestNumber(), capture.manifestRecord(), capture.encryptor());
        int files = capture.tables().size() + capture.logs().size() + 1;
        return new BackupInfo(0, capture.createdAt(), capture.sequence(), files, bytes, files);
    }

    static void requireEmpty(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("backup target " + target + " is not empty");
                }
            }
        }
    }
}
