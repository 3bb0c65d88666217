package io.lightningdb.spring.boot.actuate.health;

import io.lightningdb.BackupInfo;
import io.lightningdb.Backups;
import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DbStats;
import io.lightningdb.LightningDb;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * Reports the state of a Lightning database: UP with its path, free disk space, table files and
 * pending compactions; DOWN when the engine is closed, has entered its read-only error state (a
 * failed log write, fsync or compaction), or its file system has less free space than the
 * threshold. With a backup directory it also shows the number of backup points and when the newest
 * was taken ({@code lastBackup}, absent before the first).
 *
 * <pre>{@code
 * GET /actuator/health/lightning
 * {"status":"UP","details":{"path":"/srv/app/data","diskFree":52613349376,"files":7,"pendingCompactions":0,...}}
 * }</pre>
 */
public class LightningHealthIndicator extends AbstractHealthIndicator {
    private final LightningDb db;
    private final DataSize diskSpaceThreshold;
    private final Path backupDirectory;

    /** An indicator for {@code db}, DOWN when its disk has less than {@code diskSpaceThreshold} free. */
    public LightningHealthIndicator(LightningDb db, DataSize diskSpaceThreshold) {
        this(db, diskSpaceThreshold, null);
    }

    /** Like {@link #LightningHealthIndicator(LightningDb, DataSize)}, also reporting the backups in {@code backupDirectory} (may be null). */
    public LightningHealthIndicator(LightningDb db, DataSize diskSpaceThreshold, Path backupDirectory) {
        super("Lightning health check failed");
        this.db = Objects.requireNonNull(db, "db");
        this.diskSpaceThreshold = Objects.requireNonNull(diskSpaceThreshold, "diskSpaceThreshold");
        this.backupDirectory = backupDirectory == null ? null : backupDirectory.toAbsolutePath();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("path", db.path().toAbsolutePath().toString());
        DbStats stats;
        try {
            stats = db.stats();
        } catch (DatabaseClosedException e) {
            builder.down().withDetail("error", "database is closed");
            return;
        }
        long diskFree = usableSpace();
        builder.withDetail("diskFree", diskFree)
                .withDetail("diskThreshold", diskSpaceThreshold.toBytes())
                .withDetail("files", stats.totalFiles())
                .withDetail("tableBytes", stats.totalTableBytes())
                .withDetail("pendingCompactions", stats.pendingCompactions())
                .withDetail("activeTransactions", stats.activeTransactions())
                .withDetail("lastSequence", stats.lastSequence());
        addBackupDetails(builder);
        Optional<Throwable> failure = db.failure();
        if (failure.isPresent()) {
            builder.down(failure.get());
        } else if (diskFree < diskSpaceThreshold.toBytes()) {
            builder.down().withDetail("error", "free disk space below threshold");
        } else {
            builder.up();
        }
    }

    private void addBackupDetails(Health.Builder builder) {
        if (backupDirectory == null) {
            return;
        }
        builder.withDetail("backupDirectory", backupDirectory.toString());
        try {
            List<BackupInfo> points = Backups.list(backupDirectory); // oldest first
            builder.withDetail("backups", points.size());
            if (!points.isEmpty()) {
                builder.withDetail(
                        "lastBackup", points.get(points.size() - 1).createdAt().toString());
            }
        } catch (RuntimeException e) {
            // An unreadable backup directory does not make the database unusable: report, stay UP.
            builder.withDetail("backupError", e.getMessage());
        }
    }

    private long usableSpace() {
        // File.getUsableSpace reports 0 rather than throwing when the directory vanished, which
        // correctly reads as "no space".
        return new File(db.path().toAbsolutePath().toString()).getUsableSpace();
    }
}
