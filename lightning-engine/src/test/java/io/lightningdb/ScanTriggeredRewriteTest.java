package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans that keep reading a large memtable, or level-0 tables over other tables, pay for flushing
 * or compacting them, so later scans read tables laid out in key order instead.
 */
class ScanTriggeredRewriteTest {
    private static final Duration BACKGROUND = Duration.ofSeconds(30);
    private static final LightningConfig CONFIG = LightningConfig.builder()
            .walSyncMode(WalSyncMode.NORMAL)
            .writeBufferSize(64L << 20)
            .level0CompactionTrigger(8) // only scans compact level 0 here
            .build();

    @TempDir
    Path dir;

    private LightningDb db;
    private final TreeMap<String, String> model = new TreeMap<>();

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aLargeMemtableThatScansKeepReadingIsFlushed() {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(50_000, "v1"); // about 6 MiB: over the 4 MiB below which scans never flush
        assertThat(db.stats().flushes()).isZero();

        scanAll(2); // together, more bytes than the memtable holds

        assertThat(db.stats().scanFlushes()).as("switched by the scan itself").isEqualTo(1);
        await().atMost(BACKGROUND).until(() -> db.stats().flushes() == 1);
        assertThat(filesAt(0)).isEqualTo(1);
        assertThat(scanAll(1)).containsExactlyElementsOf(model.entrySet());
    }

    @Test
    void aSmallMemtableIsNeverFlushedForScans() {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(5_000, "v1"); // well under a megabyte

        scanAll(40);
        assertNoFlushButTheOneAskedFor();
    }

    @Test
    void shortScansAddingUpToLessThanTheMemtableDoNotFlushIt() {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(50_000, "v1");

        for (int i = 0; i < 100; i++) { // ten entries each, about 120 KiB in all
            try (KvIterator it = db.scan(KeyRange.all())) {
                for (int n = 0; n < 10 && it.next(); n++) {}
            }
        }
        assertNoFlushButTheOneAskedFor();
    }

    @Test
    void overlappingLevel0TablesThatScansKeepReadingAreCompacted() {
        db = LightningDb.open(dir, CONFIG);
        putTwoOverlappingTables();
        assertThat(filesAt(0)).isEqualTo(2);

        scanAll(12); // more than four times the bytes both tables hold

        assertThat(db.stats().scanCompactions())
                .as("asked for by the scans themselves")
                .isEqualTo(1);
        await().atMost(BACKGROUND).until(() -> filesAt(0) == 0);
        assertThat(filesAt(1)).isPositive();
        assertThat(scanAll(1)).containsExactlyElementsOf(model.entrySet());
    }

    @Test
    void scansCompactNothingWhenBackgroundCompactionIsOff() {
        db = LightningDb.open(
                dir, CONFIG.toBuilder().backgroundCompaction(false).build());
        putTwoOverlappingTables();

        scanAll(12);

        assertThat(filesAt(0)).isEqualTo(2);
        assertThat(db.stats().scanCompactions()).isZero();
        assertThat(db.stats().compactions()).isZero();
    }

    @Test
    void level0IsNotCompactedForScansBelowItsPrice() {
        db = LightningDb.open(dir, CONFIG);
        putTwoOverlappingTables();

        scanAll(2); // less than four times the bytes both tables hold

        assertThat(db.stats().scanCompactions()).isZero();
    }

    @Test
    void aLoneLevel0TableIsNeverCompactedForScans() {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(20_000, "v1");
        db.flush();

        scanAll(12); // nothing to merge it with, however much is read

        assertThat(db.stats().scanCompactions()).isZero();
    }

    /** The switch for scans goes through the write queue: no write may land in a memtable being flushed. */
    @Test
    void flushesForScansLoseNoneOfTheWritesGoingOnBeside() throws Exception {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(40_000, "v1");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        Map<String, String> written = new ConcurrentHashMap<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                for (int i = writer; i < 40_000; i += 2) {
                    String value = "v2-" + i + "-" + "y".repeat(90);
                    db.put(key(i), value);
                    written.put(key(i), value);
                }
            }));
        }
        Thread scanner = new Thread(() -> {
            while (writing.get()) {
                scanAll(1);
            }
        });
        scanner.start();
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        writing.set(false);
        scanner.join();
        model.putAll(written);

        await().atMost(BACKGROUND)
                .until(
                        () -> { // on a slow machine the writers may finish first
                            scanAll(1);
                            return db.stats().flushes() >= 1;
                        });
        assertThat(scanAll(1)).containsExactlyElementsOf(model.entrySet());
        db.close();
        db = LightningDb.open(dir, CONFIG);
        assertThat(scanAll(1)).containsExactlyElementsOf(model.entrySet());
    }

    @Test
    void anIteratorClosedAfterTheDatabaseChargesNothingAndDoesNotThrow() {
        db = LightningDb.open(dir, CONFIG);
        putInRandomOrder(50_000, "v1");
        KvIterator open = db.scan(KeyRange.all());
        int read = 0;
        while (read < 45_000 && open.next()) {
            read++;
        }
        db.close();

        open.close();

        db = LightningDb.open(dir, CONFIG);
        assertThat(scanAll(1)).containsExactlyElementsOf(model.entrySet());
    }

    /**
     * A flush asked for now waits for any flush a scan started, so a memtable the scans switched
     * shows as a second flush.
     */
    private void assertNoFlushButTheOneAskedFor() {
        assertThat(db.stats().scanFlushes()).isZero();
        db.put("last", "write");
        db.flush();

        assertThat(db.stats().flushes()).as("only the flush asked for").isEqualTo(1);
    }

    /** About 2.5 MiB of keys, flushed; then every other key overwritten, flushed: two level-0 tables. */
    private void putTwoOverlappingTables() {
        putInRandomOrder(20_000, "v1");
        db.flush();
        for (int i = 0; i < 20_000; i += 2) {
            put(key(i), "v2-" + i);
        }
        db.flush();
    }

    private void putInRandomOrder(int count, String version) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(order, new Random(42));
        for (int i : order) {
            put(key(i), version + "-" + i + "-" + "x".repeat(90));
        }
    }

    private void put(String key, String value) {
        db.put(key, value);
        model.put(key, value);
    }

    private static String key(int i) {
        return String.format("key%012d", i);
    }

    /** Scans everything {@code times} times; returns the last scan's entries. */
    private List<Map.Entry<String, String>> scanAll(int times) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            entries.clear();
            try (KvIterator it = db.scan(KeyRange.all())) {
                while (it.next()) {
                    entries.add(Map.entry(new String(it.key(), UTF_8), new String(it.value(), UTF_8)));
                }
            }
        }
        return entries;
    }

    private int filesAt(int level) {
        return db.stats().levels().get(level).files();
    }
}
