package io.lightningdb.spring.boot.actuate.endpoint;

import io.lightningdb.BackupInfo;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the endpoint's {@code backup} operation returns: the new backup point and the points purged
 * after it. Plain strings and numbers, so the JSON does not depend on the mapper's date settings.
 *
 * @param directory absolute backup directory
 * @param id number of the new backup point
 * @param createdAt when it was taken (ISO-8601)
 * @param sequence sequence number of the newest write it holds
 * @param files files it consists of
 * @param bytes their total size
 * @param filesAdded files this backup had to copy; the rest were there from earlier points
 * @param purged ids of the older points deleted to honour {@code lightning.db.backup.keep}
 */
public record BackupDescriptor(
        String directory,
        int id,
        String createdAt,
        long sequence,
        int files,
        long bytes,
        int filesAdded,
        List<Integer> purged) {

    static BackupDescriptor of(Path directory, BackupInfo b, List<Integer> purged) {
        return new BackupDescriptor(
                directory.toString(),
                b.id(),
                // Milliseconds, as the backup directory records it, so health's lastBackup matches.
                b.createdAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                b.sequence(),
                b.files(),
                b.bytes(),
                b.filesAdded(),
                List.copyOf(purged));
    }
}
