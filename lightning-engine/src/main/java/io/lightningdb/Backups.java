package io.lightningdb;

import io.lightningdb.internal.backup.BackupRepository;
import io.lightningdb.internal.backup.PointInTimeRestore;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.db.DbImpl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Manages a backup directory filled by {@link LightningDb#backupTo(Path)}: numbered backup points
 * that share table files, so each new point copies only the tables written since the last one.
 * Works on closed databases and needs no open one.
 *
 * <pre>{@code
 * db.backupTo(backups);                                  // e.g. nightly
 * Backups.purgeOldBackups(backups, 7);                    // keep a week
 * BackupInfo latest = Backups.list(backups).get(Backups.list(backups).size() - 1);
 * Backups.restore(backups, latest.id(), Path.of("restored"));
 * try (LightningDb copy = LightningDb.open(Path.of("restored"))) { ... }
 * }</pre>
 *
 * <p>One writer per backup directory at a time: do not run two backups into the same directory
 * concurrently from different processes.
 */
public final class Backups {
    private Backups() {}

    /** The complete backup points in {@code backupDir}, oldest first; empty if there are none. */
    public static List<BackupInfo> list(Path backupDir) {
        Objects.requireNonNull(backupDir, "backupDir");
        try {
            return new BackupRepository(backupDir).list();
        } catch (IOException e) {
            throw new LightningException("Cannot list backups in " + backupDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Recreates backup point {@code id} as a database directory at {@code targetDir}, which must be
     * absent or empty. Open it with {@link LightningDb#open}.
     *
     * @throws IllegalArgumentException if there is no such point or the target is not empty
     */
    public static void restore(Path backupDir, int id, Path targetDir) {
        Objects.requireNonNull(backupDir, "backupDir");
        Objects.requireNonNull(targetDir, "targetDir");
        try {
            new BackupRepository(backupDir).restore(id, targetDir);
        } catch (IOException e) {
            throw new LightningException(
                    "Cannot restore backup " + id + " of " + backupDir + " to " + targetDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Point-in-time restore: recreates backup point {@code id} at {@code targetDir}, then replays the
     * WAL archive (see {@link LightningConfig#walArchiveDirectory()}) up to and including sequence
     * number {@code sequence}. Segments reach the archive once their writes are in tables: call
     * {@link LightningDb#checkpoint()} on the live database first to archive the newest writes.
     *
     * <pre>{@code
     * long reached = Backups.restoreToSequence(backups, 3, archive, Path.of("restored"), 41_207, config);
     * }</pre>
     *
     * @param config settings to open the restored database with (its keys, when encrypted); its WAL
     *     archive setting is ignored during the restore
     * @return the last sequence number the restored database holds (less than {@code sequence} when
     *     the archive ends earlier)
     * @throws LightningException if the archive misses a segment between the backup and the target
     */
    public static long restoreToSequence(
            Path backupDir, int id, Path walArchive, Path targetDir, long sequence, LightningConfig config) {
        return restoreAndReplay(backupDir, id, walArchive, targetDir, sequence, Long.MAX_VALUE, config);
    }

    /**
     * Like {@link #restoreToSequence}, up to the last write committed at or before {@code time} (by
     * {@link LightningConfig#clock()} of the database that wrote it).
     */
    public static long restoreToTime(
            Path backupDir, int id, Path walArchive, Path targetDir, Instant time, LightningConfig config) {
        Objects.requireNonNull(time, "time");
        return restoreAndReplay(backupDir, id, walArchive, targetDir, Long.MAX_VALUE, time.toEpochMilli(), config);
    }

    private static long restoreAndReplay(
            Path backupDir,
            int id,
            Path walArchive,
            Path targetDir,
            long untilSequence,
            long untilMillis,
            LightningConfig config) {
        Objects.requireNonNull(walArchive, "walArchive");
        Objects.requireNonNull(config, "config");
        BackupInfo point = list(backupDir).stream()
                .filter(b -> b.id() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backup point " + id + " in " + backupDir));
        restore(backupDir, id, targetDir);
        LightningConfig replayConfig =
                config.toBuilder().walArchiveDirectory(null).build();
        try (DbImpl db = (DbImpl) LightningDb.open(targetDir, replayConfig)) {
            Encryptor encryptor = config.encryption() == null ? null : new Encryptor(config.encryption());
            return new PointInTimeRestore(db, encryptor, point.sequence(), untilSequence, untilMillis)
                    .replay(walArchive);
        } catch (IOException e) {
            throw new LightningException("Cannot replay the WAL archive " + walArchive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every backup point but the newest {@code keep}, and the table files only they used.
     *
     * @return ids of the deleted points
     */
    public static List<Integer> purgeOldBackups(Path backupDir, int keep) {
        Objects.requireNonNull(backupDir, "backupDir");
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative, was " + keep);
        }
        try {
            return new BackupRepository(backupDir).purge(keep);
        } catch (IOException e) {
            throw new LightningException("Cannot purge backups in " + backupDir + ": " + e.getMessage(), e);
        }
    }
}
