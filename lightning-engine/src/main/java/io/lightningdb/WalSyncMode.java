package io.lightningdb;

/**
 * When an acknowledged write reaches stable storage. Each mode states exactly what survives which
 * failure.
 */
public enum WalSyncMode {
    /**
     * A write returns after its write-ahead-log record is fsynced. Concurrent writers share one
     * fsync (group commit). Acknowledged writes survive power loss. The default.
     */
    SYNC,
    /**
     * A write returns after its record is handed to the operating system (copied into a
     * memory-mapped log segment, so no system call per write); the log is fsynced every
     * {@link LightningConfig#walSyncInterval()}. Acknowledged writes survive a killed process; the
     * last interval may be lost on power loss.
     */
    NORMAL,
    /**
     * Records are buffered inside the process and written to the operating system in the
     * background every {@link LightningConfig#walSyncInterval()}. Fastest; the last interval may be
     * lost even when only the process dies. Recovery always yields a consistent prefix of the
     * writes.
     */
    ASYNC
}
