package io.lightningdb;

/** How a {@link Transaction} is validated at commit. */
public enum IsolationLevel {
    /**
     * Reads see the snapshot taken at begin; commit fails if another commit after that snapshot
     * wrote a key this transaction also writes (no lost updates). Write skew remains possible. The
     * default.
     */
    SNAPSHOT,
    /**
     * Snapshot isolation plus: commit fails if another commit after the snapshot wrote any key this
     * transaction read or any key inside a range it scanned. Equivalent to a serial order of commits.
     */
    SERIALIZABLE
}
