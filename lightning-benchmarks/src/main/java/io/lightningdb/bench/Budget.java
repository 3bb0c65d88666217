package io.lightningdb.bench;

/** The memory every store is given, so no store wins by caching more than the others. */
final class Budget {
    /** Block or page cache inside the JVM (stores that rely on the OS page cache have none). */
    static final long CACHE_BYTES = 64L << 20;

    /** In-memory write buffer (memtable) of the log-structured stores. */
    static final long WRITE_BUFFER_BYTES = 64L << 20;

    private Budget() {}
}
