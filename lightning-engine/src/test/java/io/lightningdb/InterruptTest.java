package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
