package io.lightningdb.internal.db;

import java.util.concurrent.atomic.LongAdder;

/** The engine's cumulative counters; contention-free so hot paths can count every call. */
final class EngineCounters {
    final LongAdder gets = new LongAdder();
    final LongAdder puts = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder scans = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder flushes = new LongAdder();
    final LongAdder compactions = new LongAdder();
    final LongAdder scanFlushes = new LongAdder();
    final LongAdder scanCompactions = new LongAdder();
    final LongAdder compactionBytesRead = new LongAdder();
    final LongAdder compactionBytesWritten = new LongAdder();
    final LongAdder walSyncs = new LongAdder();
    final LongAdder walBytes = new LongAdder();
    final LongAdder writeStalls = new LongAdder();
    final LongAdder transactionsStarted = new LongAdder();
    final LongAdder transactionsCommitted = new LongAdder();
    final LongAdder transactionsRolledBack = new LongAdder();
    final LongAdder transactionConflicts = new LongAdder();
}
