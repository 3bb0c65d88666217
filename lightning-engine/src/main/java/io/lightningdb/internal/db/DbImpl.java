package io.lightningdb.internal.db;

import io.lightningdb.BackupInfo;
import io.lightningdb.CorruptionException;
import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DbStats;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.LightningException;
import io.lightningdb.Snapshot;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionWork;
import io.lightningdb.VerifyReport;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import io.lightningdb.internal.backup.BackupCapture;
import io.lightningdb.internal.backup.BackupRepository;
import io.lightningdb.internal.backup.DirectoryBackup;
import io.lightningdb.internal.compaction.Compaction;
import io.lightningdb.internal.compaction.CompactionPicker;
import io.lightningdb.internal.compaction.TableWriter;
import io.lightningdb.internal.compress.BlockCompressor;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.MergingIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.memtable.MemTable;
import io.lightningdb.internal.ops.Verifier;
import io.lightningdb.internal.sstable.BlockCache;
import io.lightningdb.internal.sstable.TableCache;
import io.lightningdb.internal.util.ByteSink;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.util.KeyHash;
import io.lightningdb.internal.version.FileMetaData;
import io.lightningdb.internal.version.Version;
import io.lightningdb.internal.version.VersionEdit;
import io.lightningdb.internal.version.VersionSet;
import io.lightningdb.internal.wal.BatchCodec;
import io.lightningdb.internal.wal.Wal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: ties the write-ahead log, memtables, table levels and background work together.
 *
 * <p>Writes queue up; the writer at the head becomes the leader, takes the waiting writers' batches
 * as one group, appends them to the log as one record (one fsync for all in SYNC mode), inserts
 * them into the memtable and only then publishes their sequence numbers to readers. Reads take the
 * published sequence number and then pin the current {@link ReadView}, so they never block and
 * never see part of a batch. A flush thread turns full memtables into level-0 tables; a compaction
 * thread keeps levels within budget. One lock guards the writer queue and the engine's structure.
 */
public final class DbImpl implements LightningDb {
    private static final Logger log = LoggerFactory.getLogger(DbImpl.class);
    private static final long MAX_GROUP_BYTES = 1 << 20;
    private static final long SMALL_WRITE_BYTES = 128 << 10;
    private static final Mutation[] NO_MUTATIONS = new Mutation[0]; // flush, close and barrier requests

    private final Path dir;
    private final LightningConfig config;
    private final DirLock dirLock;
    private final EngineCounters counters = new EngineCounters();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition backgroundWorkDone = lock.newCondition();
    private final Condition groupGathered = lock.newCondition();
    private final CommitGathering gathering = new CommitGathering();
    private final boolean syncEachCommit; // WalSyncMode.SYNC
    private final FollowerWait followerWait;

    private final ArrayDeque<Writer> writers = new ArrayDeque<>();
    private final BlockCache blockCache;
    private final TableCache tableCache;
    private final VersionSet versions;
    private final CompactionPicker picker;
    private final TableWriter flushWriter;
    private final TableWriter compactionWriter;
    private final BlockCompressor compressor;
    private final Encryptor encryptor; // null when encryption is off
    private ByteSink groupBuffer = new ByteSink(64 * 1024); // used by the leader only
    private final LinkedList<MemTable> immutables = new LinkedList<>(); // newest first
    private final TransactionRegistry transactions = new TransactionRegistry(counters);
    private ExecutorService flushExecutor;
    private ExecutorService compactionExecutor;
    private Wal wal;
    private MemTable mem;
    private long lastSequence; // assigned to writes; guarded by lock
    private volatile long visibleSequence; // published to readers
    private volatile ReadView view;
    private volatile boolean closed;
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private volatile Throwable backgroundError;
    private final TreeMap<Long, Integer> pinnedLogs = new TreeMap<>(); // log numbers backups still copy
    private boolean flushScheduled;
    private boolean retiringLogs; // a finished flush is retiring the log segments it covered
    private boolean compactionScheduled;
    private final ScanCharges scanCharges = new ScanCharges();

    private DbImpl(Path dir, LightningConfig config, DirLock dirLock, Encryptor encryptor, BlockCompressor compressor) {
        this.dir = dir;
        this.config = config;
        this.syncEachCommit = config.walSyncMode() == WalSyncMode.SYNC;
        this.followerWait = new FollowerWait(config);
        this.dirLock = dirLock;
        this.encryptor = encryptor;
        this.blockCache = new BlockCache(config.cacheSize());
        this.tableCache = new TableCache(n -> FileNames.table(dir, n), blockCache, encryptor);
        this.versions = new VersionSet(dir, config.writeChannelFactory(), this::deleteObsoleteTable, encryptor);
        this.picker = new CompactionPicker(config);
        this.compressor = compressor;
        this.flushWriter = new TableWriter(
                config.writeChannelFactory(),
                dir,
                config.blockSize(),
                config.bloomBitsPerKey(),
                compressor,
                encryptor,
                Long.MAX_VALUE,
                this::newFileNumber);
        this.compactionWriter = new TableWriter(
                config.writeChannelFactory(),
                dir,
                config.blockSize(),
                config.bloomBitsPerKey(),
                compressor,
                encryptor,
                config.targetFileSize(),
                this::newFileNumber);
    }

    /** Opens or creates the database in {@code dir}; see {@link LightningDb#open(Path, LightningConfig)}. */
    public static LightningDb open(Path dir, LightningConfig config) {
        Objects.requireNonNull(dir, "directory");
        Objects.requireNonNull(config, "config");
        // Settings that can fail are checked before anything touches the directory.
        BlockCompressor compressor = new BlockCompressor(config.compression(), config.zstdLevel());
        try {
            FileIo.createDirectory(dir);
        } catch (IOException e) {
            throw new LightningException("Cannot create database directory " + dir + ": " + e.getMessage(), e);
        }
        Encryptor encryptor = config.encryption() == null ? null : new Encryptor(config.encryption());
        DirLock dirLock = DirLock.acquire(dir);
        DbImpl db = new DbImpl(dir, config, dirLock, encryptor, compressor);
        try {
            db.recover();
            db.startBackgroundWork();
            return db;
        } catch (IOException e) {
            db.abandon();
            throw new LightningException("Cannot open database " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            db.abandon();
            throw e;
        }
    }

    // ---------------------------------------------------------------- recovery

    private void recover() throws IOException {
        if (VersionSet.exists(dir)) {
            versions.recover();
        } else {
            try (var files = Files.list(dir)) {
                List<Path> orphans = files.filter(p -> {
                            FileNames.Kind k =
                                    FileNames.parse(p.getFileName().toString()).kind();
                            // Creation writes the manifest before CURRENT, so a manifest alone is an interrupted
                            // creation (cleaned up below); tables or logs without CURRENT are a damaged database.
                            return k == FileNames.Kind.TABLE || k == FileNames.Kind.LOG;
                        })
                        .toList();
                if (!orphans.isEmpty()) {
                    throw new CorruptionException(
                            dir.resolve(FileNames.CURRENT),
                            0,
                            "missing, but the directory holds database files " + orphans);
                }
            }
        }
        markFileNumbersOnDiskUsed();
        VersionEdit edit = new VersionEdit();
        long maxSequence = new LogReplay(dir, config, encryptor, this::writeLevel0)
                .replay(versions.logNumber(), versions.lastSequence(), edit);
        long newLog = versions.newFileNumber();
        edit.logNumber(newLog).lastSequence(maxSequence);
        versions.logAndApply(edit); // no manifest is open yet: installs in memory only
        versions.writeSnapshotManifest();
        lastSequence = maxSequence;
        visibleSequence = maxSequence;
        mem = new MemTable(newLog);
        wal = new Wal(
                config.writeChannelFactory(),
                config.walSyncMode(),
                config.walSyncInterval(),
                config.walSegmentSize(),
                n -> FileNames.log(dir, n),
                newLog,
                counters.walSyncs,
                counters.walBytes,
                this::recordBackgroundError,
                encryptor,
                config.walDirectIo());
        installView();
        deleteObsoleteFiles();
    }

    /**
     * A number the manifest does not know of may still name a file: a log segment started after
     * the last edit, or a table being written at the crash. Reusing it would leave that log to be
     * replayed again, over newer data, at the next recovery.
     */
    private void markFileNumbersOnDiskUsed() throws IOException {
        try (var files = Files.list(dir)) {
            files.map(p -> FileNames.parse(p.getFileName().toString()))
                    .filter(p -> p.kind() == FileNames.Kind.LOG
                            || p.kind() == FileNames.Kind.TABLE
                            || p.kind() == FileNames.Kind.MANIFEST)
                    .forEach(p -> versions.markFileNumberUsed(p.number()));
        }
    }

    private void writeLevel0(MemTable table, VersionEdit edit, long smallestSnapshot) throws IOException {
        try (InternalIterator it = table.iterator(Direction.FORWARD, null)) {
            for (FileMetaData f : flushWriter
                    .write(it, smallestSnapshot, nowMillis(), k -> false)
                    .files()) {
                edit.addFile(0, f);
            }
        }
    }

    private void startBackgroundWork() {
        flushExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "lightning-flush"));
        compactionExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "lightning-compaction"));
        lock.lock();
        try {
            maybeScheduleCompaction();
        } finally {
            lock.unlock();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Removes files no live version or log needs: left by a crash or by the previous run. */
    private void deleteObsoleteFiles() throws IOException {
        var live = versions.liveTableNumbers();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
                boolean obsolete = switch (parsed.kind()) {
                    case LOG -> parsed.number() < versions.logNumber();
                    case TABLE -> !live.contains(parsed.number());
                    case MANIFEST -> parsed.number() != versions.manifestNumber();
                    case TEMP -> true;
                    default -> false;
                };
                if (obsolete && parsed.kind() == FileNames.Kind.LOG) {
                    retireLog(p);
                } else if (obsolete) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void put(byte[] key, byte[] value) {
        validateKey(key);
        validateValue(value);
        write(new Mutation[] {Mutation.put(key, value)});
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        validateKey(key);
        validateValue(value);
        checkTtl(ttl);
        write(new Mutation[] {Mutation.putExpiring(key, value, expiryOf(ttl))});
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        put(utf8(key), utf8(value), ttl);
    }

    private long expiryOf(Duration ttl) {
        long now = nowMillis();
        long millis = ttl.toMillis();
        return millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
    }

    private static void checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
    }

    long nowMillis() {
        return config.clock().millis();
    }

    @Override
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        put(utf8(key), utf8(value));
    }

    @Override
    public boolean delete(byte[] key) {
        validateKey(key);
        // Existence is read just before the delete; a concurrent writer may change it in between.
        boolean existed = existsUncounted(key);
        write(new Mutation[] {Mutation.delete(key)});
        return existed;
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        return delete(utf8(key));
    }

    @Override
    public void write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        List<WriteBatch.Op> ops = batch.ops();
        for (WriteBatch.Op op : ops) {
            validateKey(op.key());
            if (!op.isDelete()) {
                validateValue(op.value());
                if (op.ttl() != null) {
                    checkTtl(op.ttl());
                }
            }
        }
        if (ops.isEmpty()) {
            return;
        }
        Mutation[] mutations = new Mutation[ops.size()];
        for (int i = 0; i < mutations.length; i++) {
            WriteBatch.Op op = ops.get(i);
            if (op.isDelete()) {
                mutations[i] = Mutation.delete(op.key());
            } else if (op.ttl() == null) {
                mutations[i] = Mutation.put(op.key(), op.value());
            } else {
                mutations[i] = Mutation.putExpiring(op.key(), op.value(), expiryOf(op.ttl()));
            }
        }
        write(mutations);
    }

    private void write(Mutation[] mutations) {
        ensureOpen();
        runAsWriter(new Writer(mutations, null, false));
    }

    /**
     * Queues {@code w} and waits until it is done. When it reaches the head of the queue it leads:
     * it commits its own and its followers' operations as one group.
     */
    private void runAsWriter(Writer w) {
        // An interrupt would close the log's channel in the middle of a group's I/O (channels are
        // interruptible) and leave the database read-only: it is held back until the write is done.
        w.interrupted = Thread.interrupted();
        try {
            List<Writer> handled = null;
            lock.lock();
            try {
                writers.addLast(w);
                if (gathering.writerQueued()) {
                    groupGathered.signal();
                }
                if (writers.peekFirst() == w) {
                    handled = leadAsHead(w);
                }
            } finally {
                lock.unlock();
            }
            if (handled == null) {
                boolean handedLead = w.awaitTurn(followerWait.spinNanos(), followerWait.yieldNanos());
                if (!handedLead) { // a leader committed it (or failed it)
                    if (w.error != null) {
                        throw w.error;
                    }
                    return;
                }
                lock.lock(); // handed the lead: it stays the head until it leads, only the head dequeues
                try {
                    handled = leadAsHead(w);
                } finally {
                    lock.unlock();
                }
            }
            for (Writer f : handled) { // once the lock is free, so the next leader is not held up
                if (f != w) {
                    f.finish();
                }
            }
            if (w.error != null) {
                throw w.error;
            }
        } finally {
            if (w.interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Leads from the head of the queue, in SYNC mode after gathering the previous group's writers. Lock held. */
    private List<Writer> leadAsHead(Writer w) {
        if (syncEachCommit && w.mutations.length > 0) {
            awaitReturningWriters(w);
        }
        return lead(w);
    }

    /**
     * Runs with the lock held, as head of the queue; returns with the lock held, having handed the
     * lead to the next writer. Returns the writers it handled, the leader among them, for the
     * caller to wake the others once the lock is free; each one's outcome is in its {@link
     * Writer#error}.
     */
    private List<Writer> lead(Writer leader) {
        List<Writer> handled = new ArrayList<>(); // a prefix of the queue, in order
        List<Writer> group = new ArrayList<>(); // the handled writers whose mutations commit
        RuntimeException groupError = null;
        try {
            if (leader.closeRequest) {
                closed = true;
                handled.add(leader);
                return handled; // nothing to throw: a close request cannot fail
            }
            if (leader.barrier != null) {
                handled.add(leader);
                throwIfFailed();
                ensureOpen();
                leader.barrier.run();
                return handled;
            }
            makeRoomForWrite(leader.isFlushRequest());
            long limit = leader.bytes <= SMALL_WRITE_BYTES ? leader.bytes + SMALL_WRITE_BYTES : MAX_GROUP_BYTES;
            long groupBytes = 0;
            int count = 0;
            TreeSet<byte[]> groupKeys = null; // keys written ahead in this group, once a transaction joins
            for (Writer w : writers) {
                if (w.closeRequest
                        || (w != leader && (w.isFlushRequest() || w.barrier != null || groupBytes + w.bytes > limit))) {
                    break;
                }
                handled.add(w);
                if (w.txn != null) {
                    if (groupKeys == null) {
                        groupKeys = new TreeSet<>(Arrays::compareUnsigned);
                        for (Writer member : group) {
                            for (Mutation m : member.mutations) {
                                groupKeys.add(m.key());
                            }
                        }
                    }
                    w.error = transactions.validate(w.txn, groupKeys, nowMillis());
                    if (w.error != null) {
                        continue;
                    }
                    w.txn.state(TransactionImpl.State.COMMITTING);
                }
                if (groupKeys != null) {
                    for (Mutation m : w.mutations) {
                        groupKeys.add(m.key());
                    }
                }
                group.add(w);
                groupBytes += w.bytes;
                count += w.mutations.length;
            }
            if (count > 0) {
                long first = lastSequence + 1;
                lastSequence += count;
                MemTable target = mem;
                long started =
                        syncEachCommit ? System.nanoTime() : 0; // a clock read is not free: ~20% of a fillseq put here
                lock.unlock();
                try {
                    commitGroup(group, first, count, target);
                } finally {
                    lock.lock();
                }
                if (syncEachCommit) {
                    long now = System.nanoTime();
                    gathering.groupDone(handled.size(), now - started, now);
                    followerWait.commitTook(now - started);
                }
                visibleSequence = first + count - 1;
                if (transactions.activeTransactions() > 0) { // only open transactions validate against commits
                    List<Mutation[]> committed = new ArrayList<>(group.size());
                    group.forEach(w -> committed.add(w.mutations));
                    transactions.recordCommitted(committed, first, visibleSequence);
                }
            }
        } catch (RuntimeException | Error e) { // an Error too: the followers must not report success
            groupError = e instanceof RuntimeException r ? r : new LightningException("Write failed: " + e, e);
            if (handled.isEmpty()) {
                handled.add(leader);
            }
        } finally {
            for (Writer w : handled) {
                writers.removeFirst();
                if (w.error == null) {
                    w.error = groupError;
                }
            }
            Writer next = writers.peekFirst();
            if (next != null) {
                next.lead();
            }
        }
        return handled;
    }

    /**
     * Lets the writers of the previous group queue again before this leader takes its group, so
     * writers committing in a loop share one fsync (see {@link CommitGathering}). Lock held, and
     * released while waiting. Where followers yield through an fsync ({@link FollowerWait}), the
     * leader yields too instead of sleeping: woken by the last writer back, it ran again 11-12 µs
     * later, yielding 2-3 µs later (four writers on two cores: about 1.05x the fsynced puts per
     * second). An interrupt ends the wait and is held back in the leader's {@link
     * Writer#interrupted}.
     */
    private void awaitReturningWriters(Writer leader) {
        long wait;
        while ((wait = gathering.nanosToWait(System.nanoTime())) > 0) {
            if (followerWait.yieldNanos() > 0) {
                yieldUntilGathered(wait);
                if (Thread.interrupted()) {
                    leader.interrupted = true;
                    return;
                }
                continue;
            }
            try {
                groupGathered.awaitNanos(wait);
            } catch (InterruptedException e) {
                leader.interrupted = true;
                return;
            }
        }
    }

    /** Yields the core, lock released, until the awaited writers have queued or {@code nanos} passed. */
    private void yieldUntilGathered(long nanos) {
        long deadline = System.nanoTime() + nanos;
        lock.unlock();
        try {
            while (gathering.awaiting() && System.nanoTime() - deadline < 0) {
                Thread.yield();
            }
        } finally {
            lock.lock();
        }
    }

    /** Appends the group to the log, syncs as the mode promises, and fills the memtable. Lock not held. */
    private void commitGroup(List<Writer> group, long first, int count, MemTable target) {
        BatchCodec.begin(groupBuffer, first, nowMillis()); // the time lets archived logs replay up to a moment
        for (Writer w : group) {
            for (Mutation m : w.mutations) {
                BatchCodec.add(groupBuffer, m);
            }
        }
        BatchCodec.finish(groupBuffer, count);
        try {
            wal.append(groupBuffer.array(), groupBuffer.size());
            wal.commit();
        } catch (IOException e) {
            recordBackgroundError(e);
            throw new LightningException("Write failed, the database is now read-only: " + e.getMessage(), e);
        }
        long seq = first;
        long bytes = 0;
        int deletes = 0;
        for (Writer w : group) {
            target.addAll(seq, w.mutations);
            seq += w.mutations.length;
            for (Mutation m : w.mutations) {
                bytes += m.key().length + (m.isDelete() ? 0 : m.stored().length);
                if (m.isDelete()) {
                    deletes++;
                }
            }
        }
        counters.puts.add(count - deletes);
        counters.deletes.add(deletes);
        counters.bytesWritten.add(bytes);
        if (groupBuffer.array().length > 4 * MAX_GROUP_BYTES) {
            groupBuffer = new ByteSink(64 * 1024); // a huge batch passed through; don't keep its buffer
        }
    }

    /**
     * Ensures the memtable has room, switching to a new one (and a new log segment) when full or
     * when {@code force}d, and applies back-pressure: a short delay when level 0 grows, a wait when
     * flushes or compactions fall too far behind. Lock held.
     */
    private void makeRoomForWrite(boolean force) {
        boolean allowDelay = !force;
        while (true) {
            throwIfFailed();
            if (closed) {
                throw new DatabaseClosedException("Database " + dir + " is closed");
            }
            int level0 = versions.current().files(0).size();
            boolean throttle = config.backgroundCompaction();
            if (allowDelay && throttle && level0 >= config.level0SlowdownTrigger()) {
                counters.writeStalls.increment();
                lock.unlock();
                try {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                } finally {
                    lock.lock();
                }
                allowDelay = false;
                continue;
            }
            boolean full = mem.approximateBytes() >= config.writeBufferSize();
            if (!force && !full) {
                if (wal.segmentFull()) {
                    rotateLog();
                }
                return;
            }
            if (force && mem.isEmpty()) {
                return;
            }
            if (immutables.size() >= config.maxImmutableMemtables()
                    || (throttle && level0 >= config.level0StopTrigger())) {
                counters.writeStalls.increment();
                backgroundWorkDone.awaitUninterruptibly();
                continue;
            }
            switchMemTable();
            force = false;
        }
    }

    /** Makes the memtable immutable, starts a new one on a new log segment, and schedules a flush. Lock held. */
    private void switchMemTable() {
        long logNumber = rotateLog();
        immutables.addFirst(mem);
        mem = new MemTable(logNumber);
        installView();
        scheduleFlush();
    }

    private long rotateLog() {
        long number = versions.newFileNumber();
        try {
            wal.rotate(number);
        } catch (IOException e) {
            recordBackgroundError(e);
            throw new LightningException("Cannot start a new log segment: " + e.getMessage(), e);
        }
        return number;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public byte[] get(byte[] key) {
        validateKey(key);
        ensureOpen();
        return getAt(key, LATEST);
    }

    /** Reads {@code key} as of {@code seq} (a pinned snapshot, or {@link #LATEST}). */
    byte[] getAt(byte[] key, long seq) {
        validateKey(key);
        ensureOpen();
        Pinned p = pin(seq);
        ReadView v = p.view();
        try {
            byte[] r = lookup(v, key, p.sequence(), config.clock());
            counters.gets.increment();
            if (r == null || r == Lookup.DELETED) {
                return null;
            }
            counters.bytesRead.add(r.length);
            return r;
        } catch (LightningException e) {
            throw closed ? new DatabaseClosedException("Database " + dir + " was closed during the read") : e;
        } finally {
            v.unref();
        }
    }

    /** Whether {@code key} holds a value now, without counting a user read. */
    private boolean existsUncounted(byte[] key) {
        ensureOpen();
        Pinned p = pin(LATEST);
        ReadView v = p.view();
        try {
            byte[] r = lookup(v, key, p.sequence(), config.clock());
            return r != null && r != Lookup.DELETED;
        } finally {
            v.unref();
        }
    }

    /** Searches memtables newest first, then tables, stopping at the first component that knows the key. */
    private byte[] lookup(ReadView v, byte[] key, long seq, Clock clock) {
        long hash = KeyHash.of(key, key.length); // once for the memtables' indexes and every bloom filter
        byte[] r = v.mem.get(key, hash, seq, clock);
        if (r != null) {
            return r;
        }
        for (MemTable imm : v.immutables) {
            r = imm.get(key, hash, seq, clock);
            if (r != null) {
                return r;
            }
        }
        return v.version.get(key, hash, seq, clock, tableCache);
    }

    @Override
    public List<byte[]> getBatch(List<byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return getBatchAt(keys, LATEST);
    }

    /** Reads every key of {@code keys} as of {@code seq}, through one read view. */
    List<byte[]> getBatchAt(List<byte[]> keys, long seq) {
        Objects.requireNonNull(keys, "keys");
        keys.forEach(this::validateKey);
        ensureOpen();
        Pinned p = pin(seq);
        ReadView v = p.view();
        try {
            Clock now = Clock.fixed(config.clock().instant(), ZoneOffset.UTC); // one instant for the whole batch
            List<byte[]> result = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                byte[] r = lookup(v, key, p.sequence(), now);
                counters.gets.increment();
                if (r == null || r == Lookup.DELETED) {
                    result.add(null);
                } else {
                    counters.bytesRead.add(r.length);
                    result.add(r);
                }
            }
            return result;
        } finally {
            v.unref();
        }
    }

    @Override
    public KvIterator scan(KeyRange range) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        return scanAt(range, LATEST);
    }

    /** Opens an iterator over {@code range} as of {@code seq}. */
    KvIterator scanAt(KeyRange range, long seq) {
        Objects.requireNonNull(range, "range");
        ensureOpen();
        Pinned p = pin(seq);
        ReadView v = p.view();
        try {
            Direction direction = range.isReverse() ? Direction.REVERSE : Direction.FORWARD;
            byte[] bound = range.isReverse() ? range.end() : range.start();
            byte[] target = bound == null ? null : InternalKey.seekKey(bound, InternalKey.MAX_SEQUENCE);
            List<InternalIterator> children = new ArrayList<>();
            // the scan yields each key's newest version up to its sequence: memtables may leave older ones out
            children.add(v.mem.iterator(direction, target, p.sequence()));
            for (MemTable imm : v.immutables) {
                children.add(imm.iterator(direction, target, p.sequence()));
            }
            v.version.addIterators(children, direction, target, tableCache);
            counters.scans.increment();
            return new DbIterator(this, v, new MergingIterator(children, direction), p.sequence(), nowMillis(), range);
        } catch (RuntimeException e) {
            v.unref();
            throw e;
        }
    }

    // ---------------------------------------------------------------- snapshots and transactions

    @Override
    public Snapshot snapshot() {
        ensureOpen();
        lock.lock();
        try {
            long seq = visibleSequence;
            transactions.pinSnapshot(seq);
            return new SnapshotImpl(this, seq);
        } finally {
            lock.unlock();
        }
    }

    void releaseSnapshot(long seq) {
        lock.lock();
        try {
            transactions.unpinSnapshot(seq);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Transaction begin() {
        return begin(TransactionOptions.defaults());
    }

    @Override
    public Transaction begin(TransactionOptions options) {
        Objects.requireNonNull(options, "options");
        ensureOpen();
        Duration timeout = options.timeout() != null ? options.timeout() : config.transactionTimeout();
        lock.lock();
        try {
            long now = nowMillis();
            transactions.expireOverdue(now);
            long deadline = timeout.toMillis() > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout.toMillis();
            return transactions.begin(this, options, visibleSequence, deadline, config.maxActiveTransactions());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T inTransaction(TransactionOptions options, int maxAttempts, TransactionWork<T> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        for (int attempt = 1; ; attempt++) {
            try (TransactionImpl tx = (TransactionImpl) begin(options)) {
                T result = work.run(tx);
                if (tx.state() == TransactionImpl.State.ACTIVE) {
                    tx.commit(); // also reports a timeout the work ran into
                }
                return result;
            } catch (TransactionConflictException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                // A little random back-off keeps conflicting retries from colliding again in lock step.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 50_000L * attempt));
            }
        }
    }

    /** Commits a transaction's writes through the write queue, where the leader validates them. */
    void commitTransaction(TransactionImpl tx, Mutation[] mutations) {
        ensureOpen();
        runAsWriter(new Writer(mutations, tx, false));
    }

    void finishTransaction(TransactionImpl tx, TransactionImpl.State outcome) {
        finishTransaction(tx, outcome, false);
    }

    void finishTransaction(TransactionImpl tx, TransactionImpl.State outcome, boolean conflict) {
        lock.lock();
        try {
            transactions.finish(tx, outcome);
            if (conflict) {
                counters.transactionConflicts.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    void countRead(int bytes) {
        counters.bytesRead.add(bytes);
    }

    /**
     * A scan read {@code bytes} through {@code scanned}: charges them to its memtable and tables, and
     * flushes or compacts what scans have paid to rewrite ({@link ScanCharges}). A view no longer
     * current is not charged: what it read is being rewritten already, or has been.
     */
    void chargeScan(ReadView scanned, long bytes) {
        if (scanned != view || closed) {
            return;
        }
        if (scanCharges.chargeMemTable(scanned.mem, bytes)) {
            flushForScans(scanned.mem);
        }
        if (scanCharges.chargeLevel0(scanned.version, bytes)) {
            compactLevel0ForScans(scanned.version);
        }
    }

    /**
     * Switches the memtable at the head of the write queue, so no commit is writing to it, unless a
     * write has switched it already, or flushes or compactions are behind (another level-0 table
     * would only slow writers down). Waits, like a write, for the commits queued before it; never
     * for a flush.
     */
    private void flushForScans(MemTable scanned) {
        try {
            runAsWriter(new Writer(NO_MUTATIONS, null, false, () -> {
                if (mem == scanned
                        && immutables.size() < config.maxImmutableMemtables()
                        && versions.current().files(0).size() < config.level0SlowdownTrigger()) {
                    switchMemTable();
                    counters.scanFlushes.increment();
                }
            }));
        } catch (LightningException e) {
            // closed or failed meanwhile: the scan learns that from its own next read, not from this
        }
    }

    private void compactLevel0ForScans(Version scanned) {
        lock.lock();
        try {
            if (config.backgroundCompaction() && versions.current() == scanned) {
                picker.requestLevel0(scanned);
                counters.scanCompactions.increment();
                maybeScheduleCompaction();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A sequence argument meaning "the newest published writes". */
    private static final long LATEST = -1;

    /** A read view and the sequence number to read it at. */
    private record Pinned(ReadView view, long sequence) {}

    /**
     * Pins the current view for a read at {@code seq}. A snapshot's sequence is protected from
     * compaction by the snapshot registry, so any current view serves it. For {@link #LATEST} the
     * sequence is read after the view is pinned and kept only if the view is still current: then
     * the view holds every write up to it, and no flush or compaction that could have dropped a
     * version visible at it (they keep what the newest sequence at their start sees) is missing
     * from the view. Reading the sequence first would let a flush finishing in between drop the
     * version the read should find.
     */
    private Pinned pin(long seq) {
        if (seq != LATEST) {
            return new Pinned(acquireView(), seq);
        }
        while (true) {
            ReadView v = acquireView();
            long latest = visibleSequence;
            if (view == v) {
                return new Pinned(v, latest);
            }
            v.unref();
        }
    }

    private ReadView acquireView() {
        while (true) {
            ReadView v = view;
            if (v.tryRef()) {
                return v;
            }
            ensureOpen();
        }
    }

    /** Publishes a new read view of the current memtables and version. Lock held. */
    private void installView() {
        ReadView old = view;
        view = new ReadView(mem, immutables, versions.current());
        if (old != null) {
            old.unref();
        }
    }

    // ---------------------------------------------------------------- flush and compaction

    @Override
    public void flush() {
        ensureOpen();
        runAsWriter(new Writer(NO_MUTATIONS, null, false));
        lock.lock();
        try {
            while (!immutables.isEmpty() || retiringLogs) {
                throwIfFailed();
                ensureOpen();
                backgroundWorkDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void checkpoint() {
        flush();
        lock.lock();
        try {
            throwIfFailed();
            wal.syncNow(); // the manifest is fsynced on every edit already
            FileIo.syncDirectory(dir);
        } catch (IOException e) {
            throw new LightningException("Checkpoint of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public VerifyReport verify() {
        ensureOpen();
        Version v;
        List<Long> logs = new ArrayList<>();
        long manifest;
        lock.lock();
        try {
            v = versions.current();
            v.ref(); // keeps its tables on disk while they are read
            manifest = versions.manifestNumber();
            for (MemTable imm : immutables) {
                logs.add(imm.walSegment());
            }
            logs.add(mem.walSegment());
            long keepFrom = versions.logNumber();
            logs.removeIf(n -> n < keepFrom);
        } finally {
            lock.unlock();
        }
        Verifier verifier = new Verifier(encryptor);
        try {
            for (int level = 0; level < Version.NUM_LEVELS; level++) {
                for (FileMetaData f : v.files(level)) {
                    verifier.table(FileNames.table(dir, f.number()), f.number());
                }
            }
        } finally {
            v.unref();
        }
        verifier.manifest(FileNames.manifest(dir, manifest));
        List<Long> segments = logSegmentsFrom(logs.isEmpty() ? Long.MAX_VALUE : Collections.min(logs));
        for (int i = 0; i < segments.size(); i++) {
            verifier.log(FileNames.log(dir, segments.get(i)), i == segments.size() - 1);
        }
        return verifier.report();
    }

    /** Numbers of the log segments in the directory from {@code first} on, ascending. */
    private List<Long> logSegmentsFrom(long first) {
        List<Long> logs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(p -> FileNames.parse(p.getFileName().toString()))
                    .filter(p -> p.kind() == FileNames.Kind.LOG && p.number() >= first)
                    .forEach(p -> logs.add(p.number()));
        } catch (IOException e) {
            throw new LightningException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(logs);
        return logs;
    }

    private void scheduleFlush() {
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            flushExecutor.execute(this::flushTask);
        }
    }

    private void flushTask() {
        while (true) {
            MemTable imm;
            long smallestSnapshot;
            lock.lock();
            try {
                imm = immutables.peekLast();
                if (imm == null || closed || backgroundError != null) {
                    flushScheduled = false;
                    backgroundWorkDone.signalAll();
                    return;
                }
                smallestSnapshot = smallestSnapshot();
            } finally {
                lock.unlock();
            }
            try {
                flushMemTable(imm, smallestSnapshot);
            } catch (Throwable t) {
                recordBackgroundError(t);
            }
        }
    }

    private void flushMemTable(MemTable imm, long smallestSnapshot) throws IOException {
        VersionEdit edit = new VersionEdit();
        writeLevel0(imm, edit, smallestSnapshot);
        lock.lock();
        try {
            MemTable nextOldest = immutables.size() > 1 ? immutables.get(immutables.size() - 2) : mem;
            edit.logNumber(nextOldest.walSegment()).lastSequence(visibleSequence);
            versions.logAndApply(edit);
            immutables.removeLast();
            installView();
            counters.flushes.increment();
            retiringLogs = true;
            backgroundWorkDone.signalAll(); // writers waiting for room go on now
            maybeScheduleCompaction();
        } finally {
            lock.unlock();
        }
        try {
            deleteObsoleteLogs(); // outside the lock: file I/O must not hold up writers
        } finally {
            lock.lock();
            try {
                retiringLogs = false;
                backgroundWorkDone.signalAll(); // flush() returns once the logs are retired
            } finally {
                lock.unlock();
            }
        }
    }

    private void deleteObsoleteLogs() throws IOException {
        long keepFrom;
        lock.lock();
        try {
            keepFrom = oldestLogToKeep();
        } finally {
            lock.unlock();
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                FileNames.Parsed parsed = FileNames.parse(p.getFileName().toString());
                if (parsed.kind() == FileNames.Kind.LOG && parsed.number() < keepFrom) {
                    retireLog(p);
                }
            }
        }
    }

    /**
     * Deletes a log segment whose writes are all in tables, or, with a WAL archive configured, moves
     * it there for point-in-time restore. A name already in the archive (a restored database reusing
     * numbers) is kept, and the newcomer gets a suffix so nothing archived is overwritten.
     */
    private void retireLog(Path segment) throws IOException {
        Path archive = config.walArchiveDirectory();
        if (archive == null) {
            Files.deleteIfExists(segment);
            return;
        }
        FileIo.createDirectory(archive);
        Path target = archive.resolve(segment.getFileName());
        if (Files.exists(target)) {
            target = archive.resolve(segment.getFileName() + ".dup-" + System.nanoTime());
            log.warn("{} is already archived; archiving the newer segment as {}", segment.getFileName(), target);
        }
        if (Files.exists(segment)) {
            Files.move(segment, target);
            FileIo.syncDirectory(archive);
        }
    }

    /** Log segments below this number may go: tables hold their writes and no backup copies them. Lock held. */
    private long oldestLogToKeep() {
        long keep = versions.logNumber();
        return pinnedLogs.isEmpty() ? keep : Math.min(keep, pinnedLogs.firstKey());
    }

    // ---------------------------------------------------------------- backup

    @Override
    public BackupInfo backup(Path target) {
        Objects.requireNonNull(target, "target");
        BackupCapture capture = captureForBackup();
        try {
            return DirectoryBackup.write(capture, target);
        } catch (IOException e) {
            throw new LightningException("Backup of " + dir + " to " + target + " failed: " + e.getMessage(), e);
        } finally {
            capture.release();
        }
    }

    @Override
    public BackupInfo backupTo(Path backupDir) {
        Objects.requireNonNull(backupDir, "backupDir");
        BackupCapture capture = captureForBackup();
        try {
            synchronized (pinnedLogs) { // one point at a time per database: ids are taken in order
                return new BackupRepository(backupDir).add(capture);
            }
        } catch (IOException e) {
            throw new LightningException("Backup of " + dir + " into " + backupDir + " failed: " + e.getMessage(), e);
        } finally {
            capture.release();
        }
    }

    /**
     * Takes the backup's moment at the head of the write queue, where no commit is in flight: the
     * current version's tables plus the log up to its current end hold exactly the writes up to
     * {@code lastSequence}. Pins both until the capture is released, so copying runs without the lock.
     */
    private BackupCapture captureForBackup() {
        ensureOpen();
        BackupCapture[] result = new BackupCapture[1];
        runAsWriter(new Writer(NO_MUTATIONS, null, false, () -> {
            try {
                result[0] = captureLocked();
            } catch (IOException e) {
                throw new LightningException("Cannot start a backup of " + dir + ": " + e.getMessage(), e);
            }
        }));
        return result[0];
    }

    private BackupCapture captureLocked() throws IOException {
        Wal.Position end = wal.flushedPosition();
        Version v = versions.current();
        long logFrom = versions.logNumber();
        List<BackupCapture.FilePart> tables = new ArrayList<>();
        for (int level = 0; level < Version.NUM_LEVELS; level++) {
            for (FileMetaData f : v.files(level)) {
                tables.add(new BackupCapture.FilePart(f.number(), f.size()));
            }
        }
        List<BackupCapture.FilePart> logs = new ArrayList<>();
        for (long n : logSegmentsFrom(logFrom)) {
            if (n < end.segment()) {
                logs.add(new BackupCapture.FilePart(n, Files.size(FileNames.log(dir, n))));
            } else if (n == end.segment()) {
                logs.add(new BackupCapture.FilePart(n, end.length()));
            }
        }
        long manifestNumber = versions.newFileNumber();
        byte[] record = VersionSet.snapshotEdit(v, logFrom, versions.nextFileNumber(), lastSequence)
                .encode();
        v.ref();
        pinnedLogs.merge(logFrom, 1, Integer::sum);
        Runnable release = () -> {
            lock.lock();
            try {
                pinnedLogs.computeIfPresent(logFrom, (k, c) -> c == 1 ? null : c - 1);
            } finally {
                lock.unlock();
            }
            v.unref();
        };
        return new BackupCapture(
                dir,
                tables,
                logs,
                manifestNumber,
                record,
                encryptor,
                lastSequence,
                config.clock().instant(),
                release);
    }

    /**
     * The oldest sequence number a reader may still read at: the oldest open snapshot or
     * transaction, else the newest published sequence. Older versions of a key hidden by a newer one
     * at or below it can be dropped. Scans pin their memtables and table files instead. Lock held.
     */
    private long smallestSnapshot() {
        transactions.expireOverdue(nowMillis());
        return transactions.oldestPinned(visibleSequence);
    }

    /** Lock held. */
    private void maybeScheduleCompaction() {
        if (compactionScheduled || closed || backgroundError != null || !config.backgroundCompaction()) {
            return;
        }
        if (picker.pendingCount(versions.current()) > 0) {
            compactionScheduled = true;
            compactionExecutor.execute(this::compactionTask);
        }
    }

    private void compactionTask() {
        try {
            while (true) {
                Compaction c;
                lock.lock();
                try {
                    if (closed || backgroundError != null) {
                        return;
                    }
                    c = picker.pick(versions);
                    if (c == null) {
                        return;
                    }
                    c.markBeingCompacted(true);
                } finally {
                    lock.unlock();
                }
                runCompaction(c);
            }
        } catch (Throwable t) {
            recordBackgroundError(t);
        } finally {
            lock.lock();
            try {
                compactionScheduled = false;
                backgroundWorkDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs {@code c} (already marked as being compacted) and installs its result. */
    private void runCompaction(Compaction c) throws IOException {
        try {
            VersionEdit edit = new VersionEdit();
            for (FileMetaData f : c.inputs()) {
                edit.deleteFile(c.level(), f.number()); // an in-place rewrite adds its outputs back below
            }
            if (c.isTrivialMove()) {
                edit.addFile(c.outputLevel(), c.inputs().get(0));
            } else {
                for (FileMetaData f : c.nextLevelInputs()) {
                    edit.deleteFile(c.outputLevel(), f.number());
                }
                TableWriter.Result result = mergeInputs(c);
                for (FileMetaData f : result.files()) {
                    edit.addFile(c.outputLevel(), f);
                }
                counters.compactionBytesRead.add(c.inputBytes());
                counters.compactionBytesWritten.add(result.bytesWritten());
            }
            lock.lock();
            try {
                versions.logAndApply(edit);
                installView();
                counters.compactions.increment();
                backgroundWorkDone.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                c.markBeingCompacted(false);
            } finally {
                lock.unlock();
            }
        }
    }

    private TableWriter.Result mergeInputs(Compaction c) throws IOException {
        Version base;
        long smallestSnapshot;
        lock.lock();
        try {
            base = versions.current();
            base.ref();
            smallestSnapshot = smallestSnapshot();
        } finally {
            lock.unlock();
        }
        List<InternalIterator> inputs = new ArrayList<>();
        try {
            for (FileMetaData f : c.allInputs()) {
                inputs.add(tableCache.get(f.number()).uncachedIterator());
            }
            try (MergingIterator merged = new MergingIterator(inputs, Direction.FORWARD)) {
                return compactionWriter.write(merged, smallestSnapshot, nowMillis(), userKey -> {
                    for (int level = c.outputLevel() + 1; level < Version.NUM_LEVELS; level++) {
                        for (FileMetaData f : base.files(level)) {
                            if (f.covers(userKey)) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
        } finally {
            base.unref();
        }
    }

    @Override
    public void compact() {
        flush();
        Future<?> done = compactionExecutor.submit(() -> {
            int last;
            lock.lock();
            try {
                last = Math.max(1, versions.current().deepestNonEmptyLevel());
            } finally {
                lock.unlock();
            }
            // Push every level down into the last one, then rewrite the last one in place, so no
            // overwritten value, deletion or expired key that no reader needs survives anywhere.
            for (int level = 0; level <= last; level++) {
                Compaction c;
                lock.lock();
                try {
                    ensureOpen();
                    c = level < last
                            ? picker.pickWholeLevel(versions.current(), level)
                            : picker.pickInPlace(versions.current(), level);
                    if (c == null) {
                        continue;
                    }
                    c.markBeingCompacted(true);
                } finally {
                    lock.unlock();
                }
                try {
                    runCompaction(c);
                } catch (IOException e) {
                    recordBackgroundError(e);
                    throw new LightningException(
                            "Compaction failed, the database is now read-only: " + e.getMessage(), e);
                }
            }
            return null;
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LightningException("Interrupted while compacting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new LightningException("Compaction failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Applies mutations recovered from an archived log, as one atomic group, skipping the checks a
     * user write gets (they passed them when first written). For point-in-time restore.
     */
    public void replayArchived(List<Mutation> mutations) {
        if (!mutations.isEmpty()) {
            write(mutations.toArray(new Mutation[0]));
        }
    }

    @Override
    public void rewriteWithCurrentKey() {
        // compact() flushes, pushes every level into the last and rewrites that one in place:
        // every table it leaves was written now, under the primary key.
        compact();
        Future<?> done = compactionExecutor.submit(() -> {
            lock.lock();
            try {
                ensureOpen();
                long old = versions.manifestNumber();
                versions.writeSnapshotManifest(); // older manifest records were under older keys
                Files.deleteIfExists(FileNames.manifest(dir, old));
            } finally {
                lock.unlock();
            }
            return null;
        });
        awaitMaintenance(done, "Rewrite");
    }

    private static void awaitMaintenance(Future<?> done, String what) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LightningException("Interrupted during " + what.toLowerCase(java.util.Locale.ROOT), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new LightningException(what + " failed: " + cause.getMessage(), cause);
        }
    }

    private void deleteObsoleteTable(FileMetaData f) {
        tableCache.evict(f.number());
        try {
            Files.deleteIfExists(FileNames.table(dir, f.number()));
        } catch (IOException e) {
            log.warn("Cannot delete obsolete table {}: {}", FileNames.table(dir, f.number()), e.toString());
        }
    }

    private long newFileNumber() {
        lock.lock();
        try {
            return versions.newFileNumber();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- state

    private void recordBackgroundError(Throwable t) {
        lock.lock();
        try {
            if (backgroundError == null) {
                backgroundError = t;
                log.error("Lightning database {} failed and is now read-only", dir, t);
            }
            backgroundWorkDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() {
        Throwable t = backgroundError;
        if (t != null) {
            throw new LightningException("Database " + dir + " is read-only after an earlier failure: " + t, t);
        }
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(backgroundError);
    }

    void ensureOpen() {
        if (closed) {
            throw new DatabaseClosedException("Database " + dir + " is closed");
        }
    }

    void validateKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length > config.maxKeySize()) {
            throw new IllegalArgumentException(
                    "key of " + key.length + " bytes exceeds max-key-size of " + config.maxKeySize() + " bytes");
        }
    }

    void validateValue(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > config.maxValueSize()) {
            throw new IllegalArgumentException("value of " + value.length + " bytes exceeds max-value-size of "
                    + config.maxValueSize() + " bytes");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DbStats stats() {
        ensureOpen();
        Version v;
        long memBytes;
        int pending;
        int activeTx;
        int activeSnapshots;
        lock.lock();
        try {
            activeTx = transactions.activeTransactions();
            activeSnapshots = transactions.activeSnapshots();
            v = versions.current();
            memBytes = mem.approximateBytes();
            for (MemTable imm : immutables) {
                memBytes += imm.approximateBytes();
            }
            pending = picker.pendingCount(v);
        } finally {
            lock.unlock();
        }
        var cache = blockCache.stats();
        return new DbStats(
                counters.gets.sum(),
                counters.puts.sum(),
                counters.deletes.sum(),
                counters.scans.sum(),
                counters.bytesWritten.sum(),
                counters.bytesRead.sum(),
                counters.flushes.sum(),
                counters.compactions.sum(),
                counters.compactionBytesRead.sum(),
                counters.compactionBytesWritten.sum(),
                pending,
                v.levelStats(),
                memBytes,
                cache.hitCount(),
                cache.missCount(),
                cache.evictionCount(),
                blockCache.weightedSize(),
                counters.walSyncs.sum(),
                counters.walBytes.sum(),
                counters.writeStalls.sum(),
                visibleSequence,
                counters.transactionsStarted.sum(),
                counters.transactionsCommitted.sum(),
                counters.transactionsRolledBack.sum(),
                counters.transactionConflicts.sum(),
                activeTx,
                activeSnapshots,
                compressor.bytesIn(),
                compressor.bytesOut(),
                counters.scanFlushes.sum(),
                counters.scanCompactions.sum());
    }

    @Override
    public Path path() {
        return dir;
    }

    @Override
    public LightningConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            return;
        }
        // Queue behind every in-flight writer, so no leader is appending to the log as it closes.
        runAsWriter(new Writer(NO_MUTATIONS, null, true));
        lock.lock();
        try {
            backgroundWorkDone.signalAll();
        } finally {
            lock.unlock();
        }
        shutdown(flushExecutor);
        shutdown(compactionExecutor);
        try {
            wal.close();
        } catch (IOException e) {
            log.error("Failed to sync the log of {} on close", dir, e);
        }
        abandon();
    }

    private static void shutdown(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("Background work did not finish within 5 minutes of close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases files and the directory lock; used on close and on failed opens. */
    private void abandon() {
        closed = true;
        if (flushExecutor == null && wal != null) {
            try {
                wal.close(); // a failed open: close() never ran
            } catch (IOException e) {
                log.warn("Failed to close the log of {}", dir, e);
            }
        }
        try {
            versions.close();
        } catch (IOException e) {
            log.warn("Failed to close the manifest of {}", dir, e);
        }
        tableCache.close();
        dirLock.close();
    }
}
