package io.lightningdb;

import io.lightningdb.internal.backup.BackupRepository;
import java.io.IOException;
import java.nio.file.Path;
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
