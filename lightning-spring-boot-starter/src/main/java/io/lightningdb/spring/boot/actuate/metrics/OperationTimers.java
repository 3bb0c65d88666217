package io.lightningdb.spring.boot.actuate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code lightning.db.operation.duration} timers, one per operation type ({@code get}, {@code
 * put}, {@code delete}, {@code scan}, {@code write}, {@code commit}); Prometheus shows them as
 * {@code lightning_db_operation_duration_seconds_{count,sum,max}}.
 */
final class OperationTimers {
    static final String NAME = "lightning.db.operation.duration";

    final Timer get;
    final Timer put;
    final Timer delete;
    final Timer scan;
    final Timer write;
    final Timer commit;

    OperationTimers(MeterRegistry registry) {
        get = timer(registry, "get");
        put = timer(registry, "put");
        delete = timer(registry, "delete");
        scan = timer(registry, "scan");
        write = timer(registry, "write");
        commit = timer(registry, "commit");
    }

    private static Timer timer(MeterRegistry registry, String type) {
        return Timer.builder(NAME)
                .tag("type", type)
                .description("Time the engine took per call, by operation type (scan: opening the iterator)")
                .register(registry);
    }
}
