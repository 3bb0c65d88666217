package io.lightningdb.internal.backup;

import io.lightningdb.internal.crypto.Encryptor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a backup must copy to be a database as of one sequence number: the live tables of a pinned
 * version, the log segments not yet in tables (the newest one only up to a record boundary), and a
 * manifest record describing them. The engine keeps these files alive until {@link #release()}.
 *
 * @param sourceDir the live database directory
 * @param tables table file numbers and sizes
 * @param logs log segment numbers and the byte length to copy of each
 * @param manifestNumber file number reserved for the backup's manifest
 * @param manifestRecord the one version edit the backup's manifest holds
 * @param encryptor encrypts the backup's manifest as the database's own; null when encryption is off
 */
public record BackupCapture(
        Path sourceDir,
        List<FilePart> tables,
        List<FilePart> logs,
        long manifestNumber,
        byte[] manifestRecord,
        Encryptor encryptor,
        long sequence,
        Instant createdAt,
        Runnable onRelease) {

    /** A file by number, and how many of its bytes belong to the backup. */
    public record FilePart(long number, long length) {}

    public void release() {
        onRelease.run();
    }
}
