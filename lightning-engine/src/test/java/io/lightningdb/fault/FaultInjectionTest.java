package io.lightningdb.fault;

import static io.lightningdb.fault.FaultInjector.FileKind.MANIFEST;
import static io.lightningdb.fault.FaultInjector.FileKind.TABLE;
import static io.lightningdb.fault.FaultInjector.FileKind.WAL;
import static io.lightningdb.fault.FaultyFileChannel.FSYNC_FAILED;
import static io.lightningdb.fault.FaultyFileChannel.NO_SPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.LightningException;
import io.lightningdb.Transaction;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import io.lightningdb.WriteChannelFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault injection through the engine's {@link WriteChannelFactory} seam (DESIGN §6, §7): a full disk
 * or a failed fsync, in the log, a table, the manifest or {@code CURRENT}, puts the database into a
 * read-only error state instead of half-applying a write. Every test checks the same promises: the
 * failing call throws a {@link LightningException} naming the cause, {@link LightningDb#failure()}
 * reports it, later writes are refused and change nothing, reads still see every acknowledged write,
 * close works, and reopening on a healthy disk recovers every acknowledged write with the failed
 * write applied wholly or not at all. Nothing may hang: the timeout runs each test on its own thread,
 * so even a writer stuck in an uninterruptible wait fails the test instead of the build.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultInjectionTest {
    private static final String READ_ONLY = "read-only";
    private static final String VALUE_1K = "v".repeat(1024);

    @TempDir
    Path dir;

    private final List<LightningDb> opened = new ArrayList<>();

    /** What every successful (acknowledged) call has written: the state recovery must reproduce. */
    private final TreeMap<String, String> acked = new TreeMap<>();

    @AfterEach
    void closeEverything() {
        for (LightningDb db : opened) {
            try {
                db.close();
            } catch (RuntimeException e) {
                // The test has already failed or passed on what it asserted; close is checked there.
            }
        }
    }

    // ---------------------------------------------------------------- 1. full disk in the log

    @ParameterizedTest(name = "{0}, short write {1}")
    @CsvSource({"SYNC, true", "SYNC, false", "NORMAL, true", "NORMAL, false"})
    void fullDiskWhileWritingTheLogMakesTheDatabaseReadOnlyAndLosesNothing(WalSyncMode mode, boolean shortWrite) {
        FaultInjector disk = FaultInjector.forFiles(WAL);
        LightningDb db = open(baseConfig(mode, disk).build());
        writeAcknowledgedMix(db, "a");

        disk.armFullDisk(64, shortWrite); // a few bytes fit, the batch below does not
        WriteBatch failing = largeBatch("failed:");
        assertThatThrownBy(() -> db.write(failing))
                .isInstanceOf(LightningException.class)
                .hasMessageContaining(NO_SPACE);
        assertThat(disk.faults().writesFailed() + disk.faults().shortWritesMade())
                .as("the disk really refused bytes")
                .isPositive();

        assertFailedWith(db, NO_SPACE);
        assertWritesRejected(db, NO_SPACE);
        assertReadsSee(db, acked);
        assertThatCode(db::close).as("close on a full disk").doesNotThrowAnyException();

        LightningDb reopened =
                open(baseConfig(mode, WriteChannelFactory.DEFAULT).build());
        assertRecoveredAllOrNothing(reopened, failing);
        assertHealthy(reopened);
    }

    /**
     * The disk fills, the write fails, then space comes back before the database is closed (a log
     * rotated, a file deleted). The database stays read-only, but whatever it writes on close must
     * not damage the log: reopening recovers every acknowledged write.
     */
    @ParameterizedTest(name = "{0}, short write {1}")
    @CsvSource({"SYNC, true", "SYNC, false", "NORMAL, true", "NORMAL, false"})
    void spaceFreedAfterAFailedLogWriteStillRecoversEverything(WalSyncMode mode, boolean shortWrite) {
        FaultInjector disk = FaultInjector.forFiles(WAL);
        LightningDb db = open(baseConfig(mode, disk).build());
        writeAcknowledgedMix(db, "a");

        disk.armFullDisk(64, shortWrite);
        WriteBatch failing = largeBatch("failed:");
        assertThatThrownBy(() -> db.write(failing))
                .isInstanceOf(LightningException.class)
                .hasMessageContaining(NO_SPACE);
        disk.disarm();

        assertFailedWith(db, NO_SPACE);
        assertWritesRejected(db, NO_SPACE);
        assertReadsSee(db, acked);
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(baseConfig(mode, WriteChannelFactory.DEFAULT).build());
        assertRecoveredAllOrNothing(reopened, failing);
        assertHealthy(reopened);
    }

    /**
     * NORMAL mode copies log records into a mapping of zeros written ahead (a megabyte at a time).
     * When the disk fills, records keep going into space already allocated; the first write that
     * needs new space fails, typed, the database turns read-only, and nothing acknowledged is lost.
     * (The tests above refuse writable mappings, so they cover NORMAL mode's {@code write()} path.)
     */
    @Test
    void fullDiskUnderAMappedLogFailsTheFirstWriteThatNeedsNewSpace() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(WAL).allowWritableMaps();
        LightningConfig.Builder config = baseConfig(WalSyncMode.NORMAL, disk);
        LightningDb db = open(config.build());
        writeAcknowledgedMix(db, "a");

        disk.armFullDisk(0, false);
        int fitted = 0;
        LightningException failure = null;
        while (failure == null && fitted < 100_000) {
            String key = String.format("mapped:%06d", fitted);
            String value = "v".repeat(200);
            try {
                db.put(key, value);
                acked.put(key, value);
                fitted++;
            } catch (LightningException e) {
                failure = e;
            }
        }
        assertThat(failure).as("a write needing new space").isNotNull().hasMessageContaining(NO_SPACE);
        assertThat(fitted).as("writes that fit the preallocated megabyte").isGreaterThan(1_000);

        assertReadOnlyUntilReopenedHealthy(db, config, NO_SPACE);
    }

    // ---------------------------------------------------------------- 2. failed fsync

    @Test
    void failedFsyncInSyncModeFailsTheWriteAndMakesTheDatabaseReadOnly() {
        FaultInjector disk = FaultInjector.forFiles(WAL);
        LightningDb db = open(baseConfig(WalSyncMode.SYNC, disk).build());
        writeAcknowledgedMix(db, "a");

        disk.armFailedSync();
        WriteBatch failing = WriteBatch.create().put("unsynced:1", "x").put("unsynced:2", "y");
        assertThatThrownBy(() -> db.write(failing))
                .isInstanceOf(LightningException.class)
                .hasMessageContaining(FSYNC_FAILED);
        assertThat(disk.faults().forcesFailed()).isPositive();

        assertFailedWith(db, FSYNC_FAILED);
        assertWritesRejected(db, FSYNC_FAILED);
        assertReadsSee(db, acked);
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(baseConfig(WalSyncMode.SYNC, WriteChannelFactory.DEFAULT).build());
        assertRecoveredAllOrNothing(reopened, failing);
        assertHealthy(reopened);
    }

    /**
     * In SYNC mode the log writes directly and synchronously where the file system takes it. One
     * that accepts {@code O_DIRECT} at open but refuses the writes (some network and FUSE file
     * systems) gets the preallocating writer's first write refused, and the writer goes on with
     * {@code write()} and fsync: nothing fails, and every write is durable by fsync.
     */
    @Test
    void fileSystemRefusingDirectWritesGetsWriteAndFsyncInSyncMode() {
        FaultInjector disk = FaultInjector.forFiles(WAL).refuseDirectWrites();
        LightningDb db = open(baseConfig(WalSyncMode.SYNC, disk).build());
        writeAcknowledgedMix(db, "a");

        assertThat(disk.faults().writesFailed()).isPositive();
        assertThat(disk.faults().forces()).isGreaterThanOrEqualTo(40); // one per put of the mix, at least
        assertThat(db.failure()).isEmpty();
        assertReadsSee(db, acked);
        db.close();

        LightningDb reopened =
                open(baseConfig(WalSyncMode.SYNC, WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
        assertHealthy(reopened);
    }

    /** In NORMAL mode the fsync runs in the background; its failure must not go unnoticed. */
    @Test
    void failedBackgroundFsyncInNormalModeMakesTheDatabaseReadOnly() {
        FaultInjector disk = FaultInjector.forFiles(WAL);
        LightningConfig.Builder config = baseConfig(WalSyncMode.NORMAL, disk).walSyncInterval(Duration.ofMillis(5));
        LightningDb db = open(config.build());
        writeAcknowledgedMix(db, "a");

        disk.armFailedSync();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.failure().isPresent());

        assertFailedWith(db, FSYNC_FAILED);
        assertWritesRejected(db, FSYNC_FAILED);
        assertReadsSee(db, acked);
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(config.writeChannelFactory(WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
        assertHealthy(reopened);
    }

    // ---------------------------------------------------------------- 3. full disk in a flush

    @ParameterizedTest(name = "short write {0}")
    @CsvSource({"true", "false"})
    void fullDiskWhileFlushingMakesFlushThrowAndKeepsTheData(boolean shortWrite) throws IOException {
        FaultInjector disk = FaultInjector.forFiles(TABLE);
        LightningConfig.Builder config = smallBufferConfig(disk);
        LightningDb db = open(config.build());
        writeAcknowledgedMix(db, "a");
        putAcknowledged(db, "bulk:", 30, VALUE_1K); // well below one memtable: no flush yet

        disk.armFullDisk(4096, shortWrite);
        assertThatThrownBy(db::flush).isInstanceOf(LightningException.class).hasMessageContaining(NO_SPACE);
        assertThat(disk.faults().writesFailed()).isPositive();

        assertFailedWith(db, NO_SPACE);
        assertWritesRejected(db, NO_SPACE);
        assertReadsSee(db, acked); // still in the memtable that failed to flush
        assertThat(tempFiles()).as("the half-written table is removed").isEmpty();
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(config.writeChannelFactory(WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
        assertNoStrayFiles(reopened);
        assertHealthy(reopened);
    }

    /** The flush a full memtable starts on its own fails: writers must be stopped, not stalled forever. */
    @Test
    void fullDiskInABackgroundFlushStopsWritersWithoutHanging() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(TABLE);
        LightningConfig.Builder config = smallBufferConfig(disk).maxImmutableMemtables(1);
        LightningDb db = open(config.build());
        writeAcknowledgedMix(db, "a");

        disk.armFullDisk(0, false);
        LightningException stopped = null;
        String failedKey = null;
        for (int i = 0; i < 2_000 && stopped == null; i++) {
            String key = String.format("bulk:%05d", i);
            try {
                db.put(key, VALUE_1K);
                acked.put(key, VALUE_1K);
            } catch (LightningException e) {
                stopped = e;
                failedKey = key;
            }
        }
        assertThat(stopped)
                .as("a write after the memtables filled up and could not be flushed")
                .isNotNull()
                .hasMessageContaining(NO_SPACE);
        assertThat(acked.size())
                .as("writes acknowledged before the flush failed")
                .isGreaterThan(64);
        assertThatThrownBy(db::flush).isInstanceOf(LightningException.class).hasMessageContaining(NO_SPACE);

        assertFailedWith(db, NO_SPACE);
        assertWritesRejected(db, NO_SPACE);
        assertReadsSee(db, acked);
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(config.writeChannelFactory(WriteChannelFactory.DEFAULT).build());
        assertRecoveredAllOrNothing(reopened, WriteBatch.create().put(failedKey, VALUE_1K));
        assertNoStrayFiles(reopened);
        assertHealthy(reopened);
    }

    // ---------------------------------------------------------------- 4. full disk in the manifest

    /**
     * The table is written but recording it in the manifest fails. Optionally space comes back before
     * close, so whatever close writes to the manifest reaches the disk.
     */
    @ParameterizedTest(name = "short write {0}, space freed before close {1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void fullDiskWhileRecordingAFlushInTheManifestKeepsTheData(boolean shortWrite, boolean spaceFreedBeforeClose)
            throws IOException {
        FaultInjector disk = FaultInjector.forFiles(MANIFEST);
        LightningConfig.Builder config = smallBufferConfig(disk);
        LightningDb db = open(config.build());
        assertThat(disk.wrappedFiles())
                .as("the manifest is written through the seam")
                .isNotEmpty();
        writeAcknowledgedMix(db, "a");
        putAcknowledged(db, "bulk:", 30, VALUE_1K);

        disk.armFullDisk(8, shortWrite); // the table is written; recording it in the manifest fails
        assertThatThrownBy(db::flush).isInstanceOf(LightningException.class).hasMessageContaining(NO_SPACE);
        if (spaceFreedBeforeClose) {
            disk.disarm();
        }

        assertReadOnlyUntilReopenedHealthy(db, config, NO_SPACE);
    }

    /**
     * {@link LightningDb#compact()} on a full disk: its output table or its manifest record fails.
     */
    @ParameterizedTest
    @EnumSource(
            value = FaultInjector.FileKind.class,
            names = {"TABLE", "MANIFEST"})
    void fullDiskDuringACompactionMakesCompactThrowAndKeepsTheData(FaultInjector.FileKind kind) throws IOException {
        FaultInjector disk = FaultInjector.forFiles(kind);
        LightningConfig.Builder config = smallBufferConfig(disk);
        LightningDb db = open(config.build());
        for (int round = 0; round < 3; round++) {
            putAcknowledged(db, "key:", 40, "round" + round + "-" + "x".repeat(200));
            db.flush();
        }
        writeAcknowledgedMix(db, "a");
        db.flush();
        assertThat(db.stats().levels().get(0).files())
                .as("level-0 tables to compact")
                .isGreaterThan(1);

        disk.armFullDisk(0, false);
        assertThatThrownBy(db::compact).isInstanceOf(LightningException.class).hasMessageContaining(NO_SPACE);

        assertReadOnlyUntilReopenedHealthy(db, config, NO_SPACE);
    }

    // ---------------------------------------------------------------- 5. full disk at open

    /**
     * Creating a database on a full disk fails; once space is back, the directory can be opened.
     */
    @ParameterizedTest
    @EnumSource(
            value = FaultInjector.FileKind.class,
            names = {"MANIFEST", "CURRENT"})
    void fullDiskWhileCreatingADatabaseFailsTheOpenAndReleasesTheDirectory(FaultInjector.FileKind kind) {
        FaultInjector disk = FaultInjector.forFiles(kind).armFullDisk(0, false);
        assertThatThrownBy(() -> open(baseConfig(WalSyncMode.SYNC, disk).build()))
                .isInstanceOf(LightningException.class)
                .hasMessageContaining(NO_SPACE);
        assertThat(disk.faults().writesFailed()).isPositive();

        LightningConfig healthy =
                baseConfig(WalSyncMode.SYNC, WriteChannelFactory.DEFAULT).build();
        assertThatCode(() -> open(healthy))
                .as("open after the failed create, with space back")
                .doesNotThrowAnyException();
        LightningDb db = opened.get(opened.size() - 1);
        assertReadsSee(db, acked);
        writeAcknowledgedMix(db, "a");
        db.close();

        LightningDb reopened =
                open(baseConfig(WalSyncMode.SYNC, WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
    }

    /** Each open writes a fresh manifest; failing that on an existing database must lose nothing. */
    @ParameterizedTest
    @EnumSource(
            value = FaultInjector.FileKind.class,
            names = {"MANIFEST", "CURRENT"})
    void fullDiskWhileReopeningADatabaseFailsTheOpenAndLosesNothing(FaultInjector.FileKind kind) throws IOException {
        LightningConfig.Builder config = smallBufferConfig(WriteChannelFactory.DEFAULT);
        LightningDb db = open(config.build());
        putAcknowledged(db, "flushed:", 20, VALUE_1K);
        db.flush();
        writeAcknowledgedMix(db, "a"); // left in the log, replayed at open
        db.close();

        FaultInjector disk = FaultInjector.forFiles(kind).armFullDisk(0, false);
        assertThatThrownBy(() -> open(config.writeChannelFactory(disk).build()))
                .isInstanceOf(LightningException.class)
                .hasMessageContaining(NO_SPACE);

        LightningDb reopened =
                open(config.writeChannelFactory(WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
        assertNoStrayFiles(reopened);
        assertHealthy(reopened);
    }

    // ---------------------------------------------------------------- helpers: setup

    private LightningDb open(LightningConfig config) {
        LightningDb db = LightningDb.open(dir, config);
        opened.add(db);
        return db;
    }

    private static LightningConfig.Builder baseConfig(WalSyncMode mode, WriteChannelFactory channels) {
        return LightningConfig.builder().walSyncMode(mode).writeChannelFactory(channels);
    }

    /** 64 KiB memtables, compaction only on request: flushes happen after a few dozen KiB. */
    private static LightningConfig.Builder smallBufferConfig(WriteChannelFactory channels) {
        return baseConfig(WalSyncMode.SYNC, channels)
                .writeBufferSize(64 * 1024)
                .blockSize(1024)
                .targetFileSize(16 * 1024)
                .backgroundCompaction(false);
    }

    /** Puts, a delete, a batch and two transactions, each recorded in {@link #acked} once it returns. */
    private void writeAcknowledgedMix(LightningDb db, String prefix) {
        putAcknowledged(db, prefix + ":", 40, "value");
        db.delete(prefix + ":00005");
        acked.remove(prefix + ":00005");

        db.write(WriteBatch.create()
                .put(prefix + ":batch1", "b1")
                .put(prefix + ":batch2", "b2")
                .delete(prefix + ":00006"));
        acked.put(prefix + ":batch1", "b1");
        acked.put(prefix + ":batch2", "b2");
        acked.remove(prefix + ":00006");

        try (Transaction tx = db.begin()) {
            tx.put(prefix + ":tx", "t");
            tx.delete(prefix + ":00007");
            tx.commit();
        }
        acked.put(prefix + ":tx", "t");
        acked.remove(prefix + ":00007");

        db.inTransaction(tx -> {
            tx.put(prefix + ":counter", "1");
            return null;
        });
        acked.put(prefix + ":counter", "1");
    }

    private void putAcknowledged(LightningDb db, String prefix, int count, String value) {
        for (int i = 0; i < count; i++) {
            String key = String.format("%s%05d", prefix, i);
            db.put(key, value + i);
            acked.put(key, value + i);
        }
    }

    /** A batch of puts over new keys and overwrites, plus deletes: large enough to overflow a tiny budget. */
    private WriteBatch largeBatch(String prefix) {
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < 20; i++) {
            batch.put(prefix + i, "y".repeat(100));
        }
        for (String key : acked.keySet().stream().limit(3).toList()) {
            batch.put(key, "overwritten-by-failed-batch");
        }
        batch.delete(acked.lastKey());
        return batch;
    }

    // ---------------------------------------------------------------- helpers: assertions

    /**
     * The common ending of a fault: the database reports it, refuses writes, still reads every
     * acknowledged write and closes cleanly; reopened on a healthy disk it has all of them, no
     * leftover files, and works.
     */
    private void assertReadOnlyUntilReopenedHealthy(LightningDb db, LightningConfig.Builder config, String cause)
            throws IOException {
        assertFailedWith(db, cause);
        assertWritesRejected(db, cause);
        assertReadsSee(db, acked);
        assertThatCode(db::close).doesNotThrowAnyException();

        LightningDb reopened =
                open(config.writeChannelFactory(WriteChannelFactory.DEFAULT).build());
        assertReadsSee(reopened, acked);
        assertNoStrayFiles(reopened);
        assertHealthy(reopened);
    }

    /** {@link LightningDb#failure()} reports the injected fault. */
    private static void assertFailedWith(LightningDb db, String cause) {
        assertThat(db.failure()).as("failure() after the fault").isPresent();
        assertThat(messages(db.failure().get())).contains(cause);
    }

    /** Every kind of write throws a {@link LightningException} that says why, and changes nothing. */
    private void assertWritesRejected(LightningDb db, String cause) {
        Map<String, String> before = scanAll(db);
        List<Runnable> writes = List.of(
                () -> db.put("rejected:put", "x"),
                () -> db.put("rejected:ttl", "x", Duration.ofHours(1)),
                () -> db.delete(acked.firstKey()),
                () -> db.write(WriteBatch.create().put("rejected:batch", "x").delete(acked.firstKey())),
                () -> {
                    try (Transaction tx = db.begin()) {
                        tx.put("rejected:tx", "x");
                        tx.commit();
                    }
                },
                () -> db.inTransaction(tx -> {
                    tx.put("rejected:inTransaction", "x");
                    return null;
                }));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run)
                    .isInstanceOf(LightningException.class)
                    .hasMessageContaining(READ_ONLY)
                    .hasMessageContaining(cause);
        }
        assertThat(scanAll(db)).as("nothing changed by the rejected writes").isEqualTo(before);
    }

    /** Point reads, a batch read and forward and reverse scans all show exactly {@code expected}. */
    private static void assertReadsSee(LightningDb db, Map<String, String> expected) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(db.get(e.getKey())).as("get %s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(db.get("never-written")).isNull();
        assertThat(scanAll(db)).isEqualTo(expected);
        List<String> reversed = new ArrayList<>();
        try (KvIterator it = db.scan(KeyRange.all().reverse())) {
            while (it.next()) {
                reversed.add(it.keyAsString());
            }
        }
        assertThat(reversed).containsExactlyElementsOf(new TreeMap<>(expected).descendingKeySet());
    }

    /** Every acknowledged write is back; the failed batch is applied wholly or not at all. */
    private void assertRecoveredAllOrNothing(LightningDb db, WriteBatch failed) {
        TreeMap<String, String> withFailed = new TreeMap<>(acked);
        for (WriteBatch.Op op : failed.ops()) {
            String key = new String(op.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (op.isDelete()) {
                withFailed.remove(key);
            } else {
                withFailed.put(key, new String(op.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Map<String, String> recovered = scanAll(db);
        assertThat(recovered)
                .as("recovered state: every acknowledged write, and the failed batch wholly or not at all")
                .isIn(acked, withFailed);
        assertReadsSee(db, recovered);
    }

    /** After recovery the database is writable, durable and not in an error state. */
    private void assertHealthy(LightningDb db) {
        assertThat(db.failure()).isEmpty();
        db.put("after-recovery", "ok");
        db.flush();
        assertThat(db.get("after-recovery")).isEqualTo("ok");
    }

    /** No temporary files, and exactly the tables the database lists. */
    private void assertNoStrayFiles(LightningDb db) throws IOException {
        assertThat(tempFiles()).as("temporary files after recovery").isEmpty();
        assertThat(filesEndingWith(".sst"))
                .as("table files on disk vs tables in the current version")
                .hasSize(db.stats().totalFiles());
    }

    private List<Path> tempFiles() throws IOException {
        return filesEndingWith(".tmp");
    }

    private List<Path> filesEndingWith(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .toList();
        }
    }

    private static TreeMap<String, String> scanAll(LightningDb db) {
        TreeMap<String, String> all = new TreeMap<>();
        try (KvIterator it = db.scan(KeyRange.all())) {
            while (it.next()) {
                all.put(it.keyAsString(), it.valueAsString());
            }
        }
        return all;
    }

    /** The messages of {@code t} and its causes, joined: the cause must be named somewhere. */
    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" / ");
        }
        return sb.toString();
    }
}
