package io.lightningdb.internal.memtable;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.IteratorSource;
import io.lightningdb.internal.iterator.MergingIterator;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.util.KeyHash;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The in-memory sorted buffer of recent writes. One writer at a time (the group-commit leader),
 * lock-free readers. Entries are never removed: each write adds a version, and readers filter by
 * sequence number, so a reader at snapshot S ignores entries a concurrent writer adds above S.
 *
 * <p>Writes go into a skip list ({@link MemRun}) in whatever key order they arrive, which scatters
 * neighbouring keys over the whole arena: a scan then takes a cache and TLB miss per entry. So,
 * given a merger, a memtable that is being scanned keeps itself mostly in key order, as HBase's
 * in-memory compaction does: when the run taking writes reaches {@code mergeAtBytes} and an
 * iterator has been opened since the last merge, the run is frozen, a new run takes the writes,
 * and a background task merges the frozen run with the previous merged one into a new run laid
 * out in key order. There are at most three runs (the newest, one frozen, one merged), and at most
 * one merge at a time: while one is pending the newest run simply keeps growing. A merge briefly
 * holds a copy of the merged data beside the original (the original becomes garbage when it is
 * published), and nothing else changes: the same entries, the same log segments, the same flush.
 *
 * <p>Scans over a merged run read memory in order (about 9x faster per entry, measured on 300,000
 * random-order entries). Merging costs a core while it runs, so a memtable nobody scans is never
 * merged: on two cores, merging during writes served only by point reads cost those reads half
 * their throughput.
 */
public final class MemTable implements IteratorSource {
    private final long walSegment;
    private final Executor merger; // null: a single run, never merged
    private final long mergeAtBytes;
    private final boolean onlyWhenScanned;
    private volatile boolean scanned; // an iterator was opened since the newest run started
    private volatile MemRun[] runs; // newest first; runs[0] takes the writes
    private MemRun newest; // writer only: runs[0]
    private boolean mergePending; // guarded by this
    private volatile boolean sealed;

    /** A memtable that is never merged: one skip list (recovery, tests). */
    public MemTable(long walSegment) {
        this(walSegment, null, Long.MAX_VALUE, false);
    }

    /**
     * @param walSegment number of the first log segment holding this memtable's writes
     * @param merger runs the background merges; null for none
     * @param mergeAtBytes size of the newest run at which it is frozen and merged
     * @param onlyWhenScanned merge only if an iterator was opened since the newest run started
     */
    public MemTable(long walSegment, Executor merger, long mergeAtBytes, boolean onlyWhenScanned) {
        this.walSegment = walSegment;
        this.merger = merger;
        this.mergeAtBytes = mergeAtBytes;
        this.onlyWhenScanned = onlyWhenScanned;
        this.newest = new MemRun();
        this.runs = new MemRun[] {newest};
    }

    public long walSegment() {
        return walSegment;
    }

    /** Adds an entry, copying {@code stored} (null for deletions). Single writer. */
    public void add(long sequence, int type, byte[] userKey, byte[] stored) {
        newest.add(sequence, type, userKey, stored);
        maybeMerge();
    }

    /**
     * Adds {@code mutations} with sequence numbers {@code firstSequence, firstSequence + 1, …}, like
     * {@link #add} one by one. Single writer.
     */
    public void addAll(long firstSequence, List<Mutation> mutations) {
        newest.addAll(firstSequence, mutations);
        maybeMerge();
    }

    /**
     * Stops starting merges, and makes a running one give up: the memtable takes no more writes
     * (it is about to be flushed) or the database is closing.
     */
    public void seal() {
        sealed = true;
    }

    /**
     * The newest entry for {@code userKey} with sequence at most {@code sequence}, resolved at
     * {@code nowMillis}; see {@link Lookup}.
     */
    public byte[] get(byte[] userKey, long sequence, long nowMillis) {
        return get(userKey, KeyHash.of(userKey, userKey.length), sequence, nowMillis);
    }

    /** Like {@link #get(byte[], long, long)}, with the key's {@link KeyHash} already computed. */
    public byte[] get(byte[] userKey, long hash, long sequence, long nowMillis) {
        for (MemRun run : runs) { // newest first: a run's versions are all newer than the next run's
            byte[] found = run.get(userKey, hash, sequence, nowMillis);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Bytes of memory the entries occupy. */
    public long approximateBytes() {
        long bytes = 0;
        for (MemRun run : runs) {
            bytes += run.bytesUsed();
        }
        return bytes;
    }

    public boolean isEmpty() {
        return entryCount() == 0;
    }

    public int entryCount() {
        int n = 0;
        for (MemRun run : runs) {
            n += run.size();
        }
        return n;
    }

    /** How many runs the memtable is made of now (1 to 3). */
    int runCount() {
        return runs.length;
    }

    @Override
    public InternalIterator iterator(Direction direction, byte[] target) {
        noteScan();
        MemRun[] current = runs;
        if (current.length == 1) {
            return current[0].iterator(direction, target);
        }
        List<InternalIterator> children = new ArrayList<>(current.length);
        addIterators(current, children, direction, target);
        return new MergingIterator(children, direction);
    }

    /**
     * Adds an iterator per run to {@code children}, for a caller that merges them with other
     * sources anyway: one merge instead of a merge inside a merge.
     */
    public void addIterators(List<InternalIterator> children, Direction direction, byte[] target) {
        noteScan();
        addIterators(runs, children, direction, target);
    }

    private void noteScan() {
        if (!scanned) { // read first: concurrent scans do not keep writing the same cache line
            scanned = true;
        }
    }

    private static void addIterators(
            MemRun[] current, List<InternalIterator> children, Direction direction, byte[] target) {
        for (MemRun run : current) {
            children.add(run.iterator(direction, target));
        }
    }

    /** Writer: freezes the newest run and hands it to the merger once it is large enough. */
    private void maybeMerge() {
        if (merger == null || newest.bytesUsed() < mergeAtBytes || (onlyWhenScanned && !scanned)) {
            return;
        }
        synchronized (this) {
            if (mergePending || sealed) {
                return;
            }
            mergePending = true;
            scanned = false;
            MemRun[] current = runs;
            MemRun[] next = new MemRun[current.length + 1];
            newest = new MemRun();
            next[0] = newest;
            System.arraycopy(current, 0, next, 1, current.length);
            runs = next;
        }
        try {
            merger.execute(this::mergeFrozen);
        } catch (RejectedExecutionException e) {
            // the database is closing: stay at three runs, merge pending forever
        }
    }

    /** Merger: replaces the frozen run and the merged one behind it with their merge. */
    private void mergeFrozen() {
        MemRun[] input = runs; // [newest, frozen] or [newest, frozen, merged]; fixed while a merge is pending
        if (sealed) {
            return;
        }
        MemRun merged = MemRun.merge(input[1], input.length > 2 ? input[2] : null, () -> sealed);
        if (merged == null) {
            return;
        }
        synchronized (this) {
            runs = new MemRun[] {runs[0], merged};
            mergePending = false;
        }
    }
}
