package io.lightningdb.spring.boot.actuate.endpoint;

import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DbStats;
import io.lightningdb.LightningDb;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code lightning} Actuator endpoint: reading it returns the engine's statistics; writing to
 * it forces a full compaction. Access defaults to read-only, so {@code compact} needs {@code
 * management.endpoint.lightning.access=unrestricted} (and exposure over HTTP with {@code
 * management.endpoints.web.exposure.include=lightning}).
 *
 * <pre>{@code
 * curl localhost:8080/actuator/lightning
 * curl -X POST localhost:8080/actuator/lightning      # compact, when access allows it
 * }</pre>
 */
@Endpoint(id = "lightning", defaultAccess = Access.READ_ONLY)
public class LightningEndpoint {
    private final LightningDb db;

    /** An endpoint reporting on and maintaining {@code db}. */
    public LightningEndpoint(LightningDb db) {
        this.db = Objects.requireNonNull(db, "db");
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
     * What the endpoint returns.
     *
     * @param path absolute database directory
     * @param state {@code open}, {@code failed} (read-only error state) or {@code closed}
     * @param failure the failure behind the {@code failed} state, else null
     * @param stats the engine's counters and gauges; null once closed
     */
    public record LightningDescriptor(String path, String state, String failure, DbStats stats) {}
}
