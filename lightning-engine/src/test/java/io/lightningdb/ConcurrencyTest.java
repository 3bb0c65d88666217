package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers running beside writers, flushes and compactions never see half of a batch, and a scan
 * sees the database as it was when the scan began.
 */
class ConcurrencyTest {
    private static final int WRITERS = 3;
    private static final int READERS = 3;
    private static final int KEYS_PER_GROUP = 8;
    /** Not a multiple of {@link #DELETE_EVERY}, so every group ends holding its last counter. */
    private static final int BATCHES_PER_WRITER = 1203;
    /** Every so many batches a writer deletes its whole group instead. */
    private static final int DELETE_EVERY = 10;
    /** Padding that makes the workload fill many small memtables. */
    private static final String PADDING = "p".repeat(100);

    @TempDir
    Path dir;

    /** Small buffers and levels, so that flushes and compactions run while the threads work. */
    private static LightningConfig smallConfig() {
        return LightningConfig.builder()
                .writeBufferSize(32 * 1024)
                .targetFileSize(32 * 1024)
                .levelBaseSize(128 * 1024)
                .walSegmentSize(64 * 1024)
                .build();
    }

    @Test
    void readersNeverSeePartOfABatch() throws Exception {
        AtomicInteger writersRunning = new AtomicInteger(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        try (LightningDb db = LightningDb.open(dir, smallConfig())) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    try {
                        writeGroup(db, writer);
                    } finally {
                        writersRunning.decrementAndGet();
                    }
                }));
            }
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                tasks.add(pool.submit(() -> readUntilWritersFinish(db, reader, writersRunning)));
            }
            for (Future<?> task : tasks) {
                await(task);
            }

            assertFinalState(db);
            DbStats stats = db.stats();
            assertThat(stats.flushes()).as("flushes during the test").isPositive();
            assertThat(stats.compactions()).as("compactions during the test").isPositive();
        } finally {
            pool.shutdownNow();
        }
        try (LightningDb db = LightningDb.open(dir, smallConfig())) {
            assertFinalState(db);
        }
    }

    @Test
    void scanSeesTheDatabaseAsOfItsStart() {
        try (LightningDb db = LightningDb.open(dir, smallConfig())) {
            Map<String, String> before = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) {
                String key = String.format("k%04d", i);
                before.put(key, "old-" + i + PADDING);
                db.put(key, before.get(key));
            }
            db.flush();

            try (KvIterator it = db.scan(KeyRange.all())) {
                // Overwrite, delete and add, and move the data between files, while the scan is open.
                for (int i = 0; i < 500; i++) {
                    String key = String.format("k%04d", i);
                    if (i % 3 == 0) {
                        db.delete(key);
                    } else {
                        db.put(key, "new-" + i);
                    }
                    db.put(key + "-added", "added");
                }
                db.flush();
                db.compact();

                assertThat(drain(it)).isEqualTo(before);
            }
            try (KvIterator it = db.scan(KeyRange.all())) {
                Map<String, String> after = drain(it);
                assertThat(after).hasSize(500 + 500 - 167);
                assertThat(after).containsEntry("k0001", "new-1").doesNotContainKey("k0000");
            }
        }
    }

    private static void writeGroup(LightningDb db, int writer) {
        for (int counter = 1; counter <= BATCHES_PER_WRITER; counter++) {
            WriteBatch batch = WriteBatch.create();
            for (int j = 0; j < KEYS_PER_GROUP; j++) {
                if (counter % DELETE_EVERY == 0) {
                    batch.delete(key(writer, j));
                } else {
                    batch.put(key(writer, j), value(counter));
                }
            }
            db.write(batch);
            // Only this writer touches its group, so its own read must see exactly what it wrote.
            assertThat(db.get(key(writer, 0)))
                    .as("writer %d reading its batch %d", writer, counter)
                    .isEqualTo(counter % DELETE_EVERY == 0 ? null : value(counter));
        }
    }

    /**
     * Alternates prefix scans, full scans and getBatch. Each must show a group whole (all keys with
     * one counter) or absent, and a group's counter never goes back between one read and the next.
     */
    private static void readUntilWritersFinish(LightningDb db, int readerNumber, AtomicInteger writersRunning) {
        Reader reader = new Reader();
        int round = 0;
        // One more pass after the writers finish, so every reader also sees the final state.
        boolean last = false;
        while (!last) {
            last = writersRunning.get() == 0;
            int writer = (readerNumber + round) % WRITERS;
            switch (round % 3) {
                case 0 -> reader.check(writer, scanValues(db, KeyRange.prefix(groupPrefix(writer))), "prefix scan");
                case 1 -> reader.check(writer, getBatchValues(db, writer), "getBatch");
                default -> {
                    Map<Integer, List<String>> groups = new HashMap<>();
                    try (KvIterator it = db.scan(KeyRange.all())) {
                        while (it.next()) {
                            String key = it.keyAsString();
                            int w = Integer.parseInt(key.substring(1, key.indexOf('-')));
                            groups.computeIfAbsent(w, x -> new ArrayList<>()).add(it.valueAsString());
                        }
                    }
                    for (int w = 0; w < WRITERS; w++) {
                        reader.check(w, groups.getOrDefault(w, List.of()), "full scan");
                    }
                }
            }
            round++;
        }
    }

    /** What one reader thread saw of each group last, and through which kind of read. */
    private static final class Reader {
        private final int[] lastSeen = new int[WRITERS];
        private final String[] lastRead = new String[WRITERS];

        /** {@code values}: what one read saw of group {@code writer}, absent keys left out. */
        void check(int writer, List<String> values, String read) {
            if (values.isEmpty()) {
                return;
            }
            assertThat(values)
                    .as("group %d seen in one %s", writer, read)
                    .hasSize(KEYS_PER_GROUP)
                    .containsOnly(values.get(0));
            int counter = counterOf(values.get(0));
            assertThat(counter)
                    .as(
                            "group %d counter seen by a %s after %d by a %s",
                            writer, read, lastSeen[writer], lastRead[writer])
                    .isGreaterThanOrEqualTo(lastSeen[writer]);
            lastSeen[writer] = counter;
            lastRead[writer] = read;
        }
    }

    private static List<String> scanValues(LightningDb db, KeyRange range) {
        List<String> values = new ArrayList<>();
        try (KvIterator it = db.scan(range)) {
            while (it.next()) {
                values.add(it.valueAsString());
            }
        }
        return values;
    }

    private static List<String> getBatchValues(LightningDb db, int writer) {
        List<byte[]> keys = new ArrayList<>();
        for (int j = 0; j < KEYS_PER_GROUP; j++) {
            keys.add(key(writer, j).getBytes(UTF_8));
        }
        List<String> values = new ArrayList<>();
        for (byte[] value : db.getBatch(keys)) {
            if (value != null) {
                values.add(new String(value, UTF_8));
            }
        }
        return values;
    }

    private static void assertFinalState(LightningDb db) {
        for (int w = 0; w < WRITERS; w++) {
            assertThat(scanValues(db, KeyRange.prefix(groupPrefix(w))))
                    .hasSize(KEYS_PER_GROUP)
                    .containsOnly(value(BATCHES_PER_WRITER));
        }
    }

    private static String groupPrefix(int writer) {
        return "g" + writer + "-";
    }

    private static String key(int writer, int j) {
        return groupPrefix(writer) + j;
    }

    private static String value(int counter) {
        return counter + ":" + PADDING;
    }

    private static int counterOf(String value) {
        return Integer.parseInt(value.substring(0, value.indexOf(':')));
    }

    private static Map<String, String> drain(KvIterator it) {
        Map<String, String> entries = new LinkedHashMap<>();
        while (it.next()) {
            entries.put(it.keyAsString(), it.valueAsString());
        }
        return entries;
    }

    /** Waits for a task and rethrows its failure; the timeout only guards against a hang. */
    private static void await(Future<?> task) throws Exception {
        try {
            task.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("a test thread did not finish (deadlock?)", e);
        }
    }
}
