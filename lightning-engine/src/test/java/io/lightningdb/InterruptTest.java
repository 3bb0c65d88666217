package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A thread's interrupt (a cancelled task, a pool shutting down) neither fails its own call nor
 * breaks the database for other threads, and the thread still sees its interrupt afterwards. File
 * channels close when a thread blocked in them is interrupted, so the engine must not let one do so.
 */
class InterruptTest {
    private static final int KEYS = 5_000;
    private static final LightningConfig SMALL = LightningConfig.builder()
            .cacheSize(64 * 1024) // most reads miss the block cache and go to the table file
            .writeBufferSize(64 * 1024)
            .walSegmentSize(64 * 1024)
            .walSyncMode(WalSyncMode.NORMAL)
            .build();

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedWriterSwitchingMemtablesAndLogsCommitsEverything() {
        try (LightningDb db = LightningDb.open(dir, SMALL)) {
            for (int i = 0; i < KEYS; i++) {
                Thread.currentThread().interrupt();
                db.put(key(i), value(i)); // many of these fill the memtable and roll the log over
                assertThat(Thread.interrupted())
                        .as("interrupt kept after put %d", i)
                        .isTrue();
            }
            assertThat(db.failure()).isEmpty();
        }
        try (LightningDb db = LightningDb.open(dir, SMALL)) {
            assertEveryKey(db);
        }
    }

    /**
     * Interrupts that land while a commit is in the log's write or fsync, not before it: the
     * writer cannot hold those back, and the log's channel must survive them.
     */
    @ParameterizedTest
    @EnumSource(
            value = WalSyncMode.class,
            names = {"SYNC", "NORMAL"})
    void interruptsLandingOnWritersMidCommitNeverBreakTheLog(WalSyncMode mode) throws Exception {
        LightningConfig config = SMALL.toBuilder().walSyncMode(mode).build();
        int writers = 3;
        try (LightningDb db = LightningDb.open(dir, config)) {
            Thread[] threads = new Thread[writers];
            Throwable[] failures = new Throwable[writers];
            AtomicBoolean done = new AtomicBoolean();
            for (int w = 0; w < writers; w++) {
                int id = w;
                threads[w] = new Thread(() -> {
                    try {
                        for (int i = id; i < KEYS; i += writers) {
                            db.put(key(i), value(i));
                            Thread.interrupted(); // each put starts clean; the interrupts come mid-commit
                        }
                    } catch (Throwable e) {
                        failures[id] = e;
                    }
                });
                threads[w].start();
            }
            Thread interrupter = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(11);
                while (!done.get()) {
                    threads[random.nextInt(writers)].interrupt();
                    LockSupport.parkNanos(50_000 + random.nextInt(100_000)); // about as long as an fsync here
                }
            });
            interrupter.start();
            for (Thread t : threads) {
                t.join();
            }
            done.set(true);
            interrupter.join();

            assertThat(failures).containsOnlyNulls();
            assertThat(db.failure()).isEmpty();
            assertEveryKey(db);
        }
        try (LightningDb db = LightningDb.open(dir, config)) {
            assertEveryKey(db);
        }
    }

    @Test
    void anInterruptedReaderReadsTablesAndOthersReadOnAfterIt() {
        writeAndFlush();
        try (LightningDb db = LightningDb.open(dir, SMALL)) {
            for (int i = 0; i < KEYS; i += 7) { // the first read opens the tables, the rest miss the cache
                Thread.currentThread().interrupt();
                assertThat(db.get(key(i))).isEqualTo(value(i));
                assertThat(Thread.interrupted()).isTrue();
            }

            assertEveryKey(db);
            assertThat(db.failure()).isEmpty();
        }
    }

    @Test
    void anInterruptedScanReadsEveryEntry() {
        writeAndFlush();
        try (LightningDb db = LightningDb.open(dir, SMALL)) {
            Thread.currentThread().interrupt();
            int n = 0;
            try (KvIterator it = db.scan(KeyRange.all())) {
                while (it.next()) {
                    n++;
                }
            }
            assertThat(Thread.interrupted()).isTrue();
            assertThat(n).isEqualTo(KEYS);
            assertEveryKey(db);
        }
    }

    private void writeAndFlush() {
        try (LightningDb db = LightningDb.open(dir, SMALL)) {
            for (int i = 0; i < KEYS; i++) {
                db.put(key(i), value(i));
            }
            db.flush();
        }
    }

    private static void assertEveryKey(LightningDb db) {
        for (int i = 0; i < KEYS; i++) {
            assertThat(db.get(key(i))).as(key(i)).isEqualTo(value(i));
        }
    }

    private static String key(int i) {
        return String.format("key%06d", i);
    }

    private static String value(int i) {
        return "value-" + i + "-" + "x".repeat(60);
    }
}
