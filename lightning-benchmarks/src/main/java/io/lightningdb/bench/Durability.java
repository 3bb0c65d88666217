package io.lightningdb.bench;

/** The durability every store is configured for in one run, so stores are compared like for like. */
public enum Durability {
    /**
     * Each acknowledged write has been handed to the operating system: it survives a killed
     * process, not a power loss. No fsync per write.
     */
    OS,
    /** Each acknowledged write has been fsynced: it survives a power loss. */
    FSYNC
}
