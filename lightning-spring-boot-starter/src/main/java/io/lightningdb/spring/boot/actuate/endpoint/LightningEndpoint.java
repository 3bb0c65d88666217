package io.lightningdb.spring.boot.actuate.endpoint;

import io.lightningdb.BackupInfo;
import io.lightningdb.Backups;
import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DbStats;
import io.lightningdb.LightningDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code lightning} Actuator endpoint: reading it returns the engine's statistics; its write
 * operations compact, back up, verify and checkpoint the database. Access defaults to read-only, so
 * the write operations need {@code management.endpoint.lightning.access=unrestricted} (and exposure
 * over HTTP with {@code management.endpoints.web.exposure.include=lightning}).
 *
 * <pre>{@code
 * curl localhost:8080/actuator/lightning
 * curl -X POST localhost:8080/actuator/lightning              # compact
 * curl -X POST localhost:8080/actuator/lightning/backup       # backupTo(lightning.db.backup.directory), purge
 * curl -X POST localhost:8080/actuator/lightning/verify       # check every checksum
 * curl -X POST localhost:8080/actuator/lightning/checkpoint   # flush and sync everything
 * }</pre>
 */
@Endpoint(id = "lightning", defaultAccess = Access.READ_ONLY)
public class LightningEndpoint {
    private final LightningDb db;
    private final Path backupDirectory;
    private final Integer keep;
    // The engine allows one backup into a directory at a time; two POSTs must not overlap.
    private final Object backupLock = new Object();

    /** An endpoint reporting on and maintaining {@code db}, without a backup directory. */
    public LightningEndpoint(LightningDb db) {
        this(db, null, null);
    }

    /**
     * An endpoint reporting on and maintaining {@code db}.
     *
     * @param backupDirectory where {@link #backup()} adds backup points; null disables it
     * @param keep backup points kept after each backup; null keeps all
     */
    public LightningEndpoint(LightningDb db, Path backupDirectory, Integer keep) {
        this.db = Objects.requireNonNull(db, "db");
        this.backupDirectory = backupDirectory == null ? null : backupDirectory.toAbsolutePath();
        this.keep = keep;
    }

    /** The database's path, state and statistics. */
    @ReadOperation
    public LightningDescriptor stats() {
        String path = db.path().toAbsolutePath().toString();
        try {
            DbStats stats = db.stats();
            String failure = db.failure().map(Throwable::toString).orElse(null);
            return new LightningDescriptor(path, failure == null ? "open" : "failed", failure, stats);
        } catch (DatabaseClosedException e) {
            return new LightningDescriptor(path, "closed", null, null);
        }
    }

    /** Compacts the whole database, waits until done and returns the statistics afterwards. */
    @WriteOperation
    public LightningDescriptor compact() {
        db.compact();
        return stats();
    }

    /**
     * Runs the write operation named by the path: {@code backup}, {@code verify}, {@code checkpoint}
     * or {@code compact}. One method with a selector because Actuator maps at most one write
     * operation per path.
     */
    @WriteOperation
    public Object run(@Selector String operation) {
        return switch (operation) {
            case "backup" -> backup();
            case "verify" -> verify();
            case "checkpoint" -> checkpoint();
            case "compact" -> compact();
            default ->
                throw new InvalidEndpointRequestException(
                        "Unknown operation '" + operation + "'",
                        "Unknown operation: use backup, verify, checkpoint or compact");
        };
    }

    /**
     * Adds a backup point to the backup directory (copying only tables not yet there), then purges
     * all but the newest {@code keep} points.
     *
     * @throws InvalidEndpointRequestException (HTTP 400) when no backup directory is configured
     */
    public BackupDescriptor backup() {
        if (backupDirectory == null) {
            throw new InvalidEndpointRequestException(
                    "No backup directory configured: set lightning.db.backup.directory",
                    "No backup directory configured: set lightning.db.backup.directory");
        }
        synchronized (backupLock) {
            BackupInfo point = db.backupTo(backupDirectory);
            List<Integer> purged = keep == null ? List.of() : Backups.purgeOldBackups(backupDirectory, keep);
            return BackupDescriptor.of(backupDirectory, point, purged);
        }
    }

    /** Reads every table block and log record and checks every checksum; see {@link LightningDb#verify()}. */
    public VerifyDescriptor verify() {
        return VerifyDescriptor.of(db.verify());
    }

    /** Flushes the memtable and syncs log, manifest and directory, then returns the statistics. */
    public LightningDescriptor checkpoint() {
        db.checkpoint();
        return stats();
    }

    /**
     * What the endpoint returns.
     *
     * @param path absolute database directory
     * @param state {@code open}, {@code failed} (read-only error state) or {@code closed}
     * @param failure the failure behind the {@code failed} state, else null
     * @param stats the engine's counters and gauges; null once closed
     */
    public record LightningDescriptor(String path, String state, String failure, DbStats stats) {}
}
