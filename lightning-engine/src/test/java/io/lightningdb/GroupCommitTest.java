package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent writers in {@link WalSyncMode#SYNC}: they share fsyncs, every acknowledged write lands,
 * an interrupt neither loses a write nor is swallowed, and a close among them ends each write cleanly.
 */
class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int WRITES_PER_THREAD = 150;
    private static final LightningConfig SYNC =
            LightningConfig.builder().walSyncMode(WalSyncMode.SYNC).build();

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    /** With and without yielding: a waiting leader and its followers then sleep instead. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void concurrentWritersShareFsyncsAndEveryWriteLands(boolean groupCommitYield) throws Exception {
        LightningConfig config =
                SYNC.toBuilder().groupCommitYield(groupCommitYield).build();
        try (LightningDb db = LightningDb.open(dir, config)) {
            long syncsBefore = db.stats().walSyncs();

            runWriters(thread -> {
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                    db.put(key(thread, i), value(thread, i));
                }
            });

            long syncs = db.stats().walSyncs() - syncsBefore;
            assertThat(syncs)
                    .as("fsyncs for %d writes", THREADS * WRITES_PER_THREAD)
                    .isPositive()
                    .isLessThan(THREADS * WRITES_PER_THREAD);
        }
        try (LightningDb db = LightningDb.open(dir, config)) {
            assertEveryWrite(db, THREADS, WRITES_PER_THREAD);
        }
    }

    @Test
    void anInterruptedWriterStillCommitsAndKeepsItsInterrupt() throws Exception {
        try (LightningDb db = LightningDb.open(dir, SYNC)) {
            List<Boolean> keptInterrupt = new ArrayList<>();
            runWriters(thread -> {
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                    boolean interrupted = thread % 2 == 0; // half the writers, leaders and followers alike
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    db.put(key(thread, i), value(thread, i));
                    if (interrupted) {
                        boolean kept = Thread.interrupted();
                        synchronized (keptInterrupt) {
                            keptInterrupt.add(kept);
                        }
                    }
                }
            });

            assertThat(keptInterrupt).hasSize(THREADS / 2 * WRITES_PER_THREAD).containsOnly(true);
            assertEveryWrite(db, THREADS, WRITES_PER_THREAD);
        }
    }

    @Test
    void closingAmongWritersEndsEachWriteCleanlyAndKeepsTheAcknowledgedOnes() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(THREADS);
        LightningDb db = LightningDb.open(dir, SYNC);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                started.countDown();
                for (int i = 0; ; i++) {
                    try {
                        db.put(key(thread, i), value(thread, i));
                        acknowledged.put(key(thread, i), value(thread, i));
                    } catch (DatabaseClosedException expected) {
                        return;
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            }));
        }
        started.await();
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 200 || !failures.isEmpty());

        db.close();

        for (Future<?> task : tasks) {
            task.get(1, TimeUnit.MINUTES); // every writer returns: none is left parked
        }
        assertThat(failures).isEmpty();
        try (LightningDb reopened = LightningDb.open(dir, SYNC)) {
            acknowledged.forEach((k, v) -> assertThat(reopened.get(k)).as(k).isEqualTo(v));
        }
    }

    private interface WriterBody {
        void run(int thread) throws Exception;
    }

    private void runWriters(WriterBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                start.await();
                body.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(2, TimeUnit.MINUTES);
        }
    }

    private static void assertEveryWrite(LightningDb db, int threads, int writes) {
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < writes; i++) {
                assertThat(db.get(key(t, i))).as(key(t, i)).isEqualTo(value(t, i));
            }
        }
    }

    private static String key(int thread, int i) {
        return "w" + thread + ":" + i;
    }

    private static String value(int thread, int i) {
        return "value-" + thread + "-" + i;
    }
}
