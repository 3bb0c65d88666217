package io.lightningdb.txn;

import static io.lightningdb.txn.TxnTestSupport.bytes;
import static io.lightningdb.txn.TxnTestSupport.fastConfig;
import static io.lightningdb.txn.TxnTestSupport.getBatch;
import static io.lightningdb.txn.TxnTestSupport.scan;
import static io.lightningdb.txn.TxnTestSupport.scanKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.lightningdb.DatabaseClosedException;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningDb;
import io.lightningdb.Snapshot;
import io.lightningdb.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots: frozen views that stay stable while writers continue, across flushes and
 * compactions; compaction keeps what a live snapshot needs and may drop it once the snapshot
 * closes; closing is idempotent and a closed snapshot refuses reads.
 */
class SnapshotTest {
    private static final int KEYS = 300;

    @TempDir
    Path dir;

    private LightningDb db;

    @BeforeEach
    void open() {
        db = LightningDb.open(dir, fastConfig().build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String key(int i) {
        return String.format("key:%04d", i);
    }

    /** A value long enough that versions weigh on table sizes. */
    private static String value(String tag, int i) {
        return tag + ":" + i + ":" + "x".repeat(200);
    }

    private void writeAll(String tag) {
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < KEYS; i++) {
            batch.put(key(i), value(tag, i));
        }
        db.write(batch);
    }

    private static Map<String, String> expected(String tag) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            m.put(key(i), value(tag, i));
        }
        return m;
    }

    private static void assertSees(Snapshot s, Map<String, String> state) {
        assertThat(scan(s, KeyRange.all())).containsExactlyEntriesOf(state);
        List<String> reversed = new ArrayList<>(state.keySet());
        java.util.Collections.reverse(reversed);
        assertThat(scanKeys(s, KeyRange.all().reverse())).containsExactlyElementsOf(reversed);
        for (Map.Entry<String, String> e : state.entrySet()) {
            assertThat(s.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(getBatch(s, state.keySet().toArray(String[]::new))).containsExactlyElementsOf(state.values());
    }

    @Test
    void snapshotIsStableWhileWritersContinue() {
        db.put("a", "1");
        db.put("b", "2");
        db.put("c", "3");
        try (Snapshot s = db.snapshot()) {
            db.put("a", "changed");
            db.delete("b");
            db.put("d", "new");
            db.write(WriteBatch.create().put("c", "batched").put("e", "new"));
            assertThat(s.get("a")).isEqualTo("1");
            assertThat(s.get("b")).isEqualTo("2");
            assertThat(s.exists("d")).isFalse();
            assertThat(getBatch(s, "a", "b", "c", "d", "e")).containsExactly("1", "2", "3", null, null);
            assertThat(scan(s, KeyRange.all())).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
            assertThat(scanKeys(s, KeyRange.between("b", "z").reverse())).containsExactly("c", "b");
            assertThat(s.sequence()).isLessThan(db.stats().lastSequence());
        }
        assertThat(scan(db, KeyRange.all()))
                .containsExactly(entry("a", "changed"), entry("c", "batched"), entry("d", "new"), entry("e", "new"));
    }

    @Test
    void snapshotsTakenAtDifferentTimesSeeTheirOwnState() {
        List<Snapshot> snapshots = new ArrayList<>();
        List<Map<String, String>> states = new ArrayList<>();
        Map<String, String> model = new LinkedHashMap<>();
        try {
            for (int round = 0; round < 6; round++) {
                snapshots.add(db.snapshot());
                states.add(new java.util.TreeMap<>(model));
                for (int i = round; i < 40; i += 3) {
                    String k = key(i);
                    if ((i + round) % 4 == 0) {
                        db.delete(k);
                        model.remove(k);
                    } else {
                        db.put(k, "r" + round);
                        model.put(k, "r" + round);
                    }
                }
                if (round % 2 == 1) {
                    db.flush();
                }
                if (round == 3) {
                    db.compact();
                }
            }
            db.compact();
            for (int i = 0; i < snapshots.size(); i++) {
                assertThat(scan(snapshots.get(i), KeyRange.all()))
                        .as("snapshot %d", i)
                        .containsExactlyEntriesOf(states.get(i));
                if (i > 0) {
                    assertThat(snapshots.get(i).sequence())
                            .isGreaterThan(snapshots.get(i - 1).sequence());
                }
            }
        } finally {
            snapshots.forEach(Snapshot::close);
        }
        assertThat(db.stats().activeSnapshots()).isZero();
    }

    @Test
    void compactionKeepsTheVersionsALiveSnapshotNeeds() {
        writeAll("v1");
        db.flush();
        db.compact(); // v1 now lies in a deep level
        Snapshot s = db.snapshot();
        try {
            writeAll("v2");
            for (int i = 0; i < KEYS; i += 5) {
                db.delete(key(i));
            }
            db.flush();
            db.compact();
            db.put(key(1), "v3");
            db.flush();
            db.compact();
            assertSees(s, expected("v1"));
        } finally {
            s.close();
        }
        Map<String, String> now = expected("v2");
        for (int i = 0; i < KEYS; i += 5) {
            now.remove(key(i));
        }
        now.put(key(1), "v3");
        assertThat(scan(db, KeyRange.all())).containsExactlyEntriesOf(now);
    }

    @Test
    void compactionDropsOldVersionsOnceTheSnapshotCloses() {
        writeAll("v1");
        db.flush();
        db.compact();
        long oneVersion = db.stats().totalTableBytes();
        Snapshot s = db.snapshot();
        writeAll("v2");
        db.flush();
        db.compact();
        long pinned = db.stats().totalTableBytes();
        assertThat(pinned).as("table bytes while the snapshot pins v1").isGreaterThan(oneVersion * 3 / 2);
        assertSees(s, expected("v1"));
        s.close();

        db.compact();
        long released = db.stats().totalTableBytes();
        assertThat(released)
                .as("table bytes after the snapshot closed and compact() ran (v1 %d, v1+v2 %d)", oneVersion, pinned)
                .isLessThan(oneVersion * 3 / 2);
        assertThat(scan(db, KeyRange.all())).containsExactlyEntriesOf(expected("v2"));
    }

    @Test
    void compactionWithoutSnapshotsKeepsOnlyTheNewestVersion() {
        writeAll("v1");
        db.flush();
        db.compact();
        long oneVersion = db.stats().totalTableBytes();
        writeAll("v2");
        db.flush();
        db.compact();
        assertThat(db.stats().totalTableBytes()).isLessThan(oneVersion * 3 / 2);
        assertThat(scan(db, KeyRange.all())).containsExactlyEntriesOf(expected("v2"));
    }

    @Test
    void deletedKeysStayVisibleToAnOlderSnapshotThroughCompaction() {
        writeAll("v1");
        try (Snapshot s = db.snapshot()) {
            for (int i = 0; i < KEYS; i++) {
                db.delete(key(i));
            }
            db.flush();
            db.compact();
            assertThat(scanKeys(db, KeyRange.all())).isEmpty();
            assertSees(s, expected("v1"));
        }
        db.compact();
        assertThat(scanKeys(db, KeyRange.all())).isEmpty();
        assertThat(db.get(key(7))).isNull();
    }

    @Test
    void snapshotStaysStableUnderConcurrentWritersFlushesAndCompactions() throws Exception {
        writeAll("base");
        Map<String, String> frozen = expected("base");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch writerStarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Snapshot s = db.snapshot()) {
            Future<?> writer = pool.submit(() -> {
                writerStarted.countDown();
                for (int round = 0; round < 30 && !stop.get(); round++) {
                    for (int i = round % 7; i < KEYS; i += 7) {
                        if (i % 11 == 0) {
                            db.delete(key(i));
                        } else {
                            db.put(key(i), value("w" + round, i));
                        }
                    }
                    db.put("zzz:" + round, "new");
                    if (round % 5 == 4) {
                        db.flush();
                    }
                    if (round % 10 == 9) {
                        db.compact();
                    }
                }
                return null;
            });
            writerStarted.await();
            for (int check = 0; check < 15; check++) {
                assertThat(scan(s, KeyRange.all())).containsExactlyEntriesOf(frozen);
                assertThat(s.get(key(check * 11))).isEqualTo(frozen.get(key(check * 11)));
            }
            writer.get(60, TimeUnit.SECONDS);
            db.compact();
            assertSees(s, frozen);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void openIteratorOfASnapshotKeepsItsViewAfterTheDataChanges() {
        writeAll("v1");
        try (Snapshot s = db.snapshot();
                KvIterator it = s.scan(KeyRange.all())) {
            assertThat(it.next()).isTrue();
            writeAll("v2");
            db.flush();
            db.compact();
            int n = 1;
            while (it.next()) {
                assertThat(it.valueAsString()).startsWith("v1:");
                n++;
            }
            assertThat(n).isEqualTo(KEYS);
        }
    }

    @Test
    void closeIsIdempotentAndReadsAfterCloseThrow() {
        db.put("k", "v");
        Snapshot s = db.snapshot();
        assertThat(db.stats().activeSnapshots()).isEqualTo(1);
        s.close();
        assertThatCode(s::close).doesNotThrowAnyException();
        assertThat(db.stats().activeSnapshots()).isZero();
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.get(bytes("k"))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.exists("k")).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.getBatch(List.of(bytes("k")))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.scan(KeyRange.all())).isInstanceOf(DatabaseClosedException.class);
    }

    @Test
    void snapshotOfAClosedDatabaseRefusesReads() {
        db.put("k", "v");
        Snapshot s = db.snapshot();
        db.close();
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.getBatch(List.of(bytes("k")))).isInstanceOf(DatabaseClosedException.class);
        assertThatThrownBy(() -> s.scan(KeyRange.all())).isInstanceOf(DatabaseClosedException.class);
        assertThatCode(s::close).doesNotThrowAnyException();
        assertThatThrownBy(db::snapshot).isInstanceOf(DatabaseClosedException.class);
        db = LightningDb.open(dir, fastConfig().build());
        assertThat(db.get("k")).isEqualTo("v");
    }
}
