package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir
    Path tmp;

    private static String key(int writer, int i) {
        return String.format(Locale.ROOT, "w%d:%06d", writer, i);
    }

    private static String value(int writer, int i) {
        return "value " + writer + "/" + i + " " + "x".repeat(60);
    }

    @Test
    void backupDuringConcurrentWritesOpensAndHoldsExactlyTheWritesUpToItsSequence() throws Exception {
        LightningConfig config = LightningConfig.builder()
                .walSyncMode(WalSyncMode.NORMAL)
                .writeBufferSize(32 * 1024) // flushes and compactions run during the backup
                .walSegmentSize(64 * 1024)
                .build();
        int writers = 3;
        BackupInfo info;
        try (LightningDb db = LightningDb.open(tmp.resolve("db"), config)) {
            long base = db.stats().lastSequence();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            CountDownLatch started = new CountDownLatch(writers);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; !stop.get(); i++) {
                        db.put(key(writer, i), value(writer, i)); // one sequence number per put
                        written.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
            started.await();
            while (written.get() < 3000) {
                Thread.onSpinWait();
            }
            info = db.backup(tmp.resolve("backup"));
            long afterBackup = written.get();
            while (written.get() < afterBackup + 1000) {
                Thread.onSpinWait(); // writes after the backup must not be in it
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(info.sequence()).isGreaterThan(base);
            assertThat(db.stats().lastSequence()).isGreaterThan(info.sequence());
            int held = 0;
            try (LightningDb copy = LightningDb.open(tmp.resolve("backup"), config)) {
                for (int w = 0; w < writers; w++) {
                    // Each writer's keys in the copy are a gap-free prefix of what it wrote.
                    int count = 0;
                    try (KvIterator it = copy.scan(KeyRange.prefix("w" + w + ":"))) {
                        while (it.next()) {
                            assertThat(it.keyAsString()).isEqualTo(key(w, count));
                            assertThat(it.valueAsString()).isEqualTo(value(w, count));
                            count++;
                        }
                    }
                    held += count;
                }
                assertThat(copy.verify().problems()).isEmpty();
            }
            assertThat(held).as("writes in the copy").isEqualTo(info.sequence() - base);
        }
    }

    @Test
    void backupTargetMustBeEmpty() throws IOException {
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/file"), "x");
        try (LightningDb db = LightningDb.open(tmp.resolve("db"))) {
            assertThatThrownBy(() -> db.backup(tmp.resolve("full"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static final LightningConfig NO_COMPACTION = LightningConfig.builder()
            .walSyncMode(WalSyncMode.NORMAL)
            .backgroundCompaction(false)
            .build();

    private static void writeRound(LightningDb db, int round) {
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < 200; i++) {
            batch.put(key(round, i), value(round, i));
        }
        db.write(batch);
        db.flush(); // one new table per round
        db.put("tail:" + round, "in the log only"); // backups must carry the log too
    }

    private long sharedFiles(Path backups) throws IOException {
        try (Stream<Path> s = Files.list(backups.resolve("shared"))) {
            return s.count();
        }
    }

    @Test
    void incrementalBackupsCopyOnlyNewTablesAndEachPointRestores() throws IOException {
        Path backups = tmp.resolve("backups");
        List<BackupInfo> points = new ArrayList<>();
        try (LightningDb db = LightningDb.open(tmp.resolve("db"), NO_COMPACTION)) {
            for (int round = 1; round <= 3; round++) {
                writeRound(db, round);
                long sharedBefore = Files.exists(backups) ? sharedFiles(backups) : 0;
                BackupInfo info = db.backupTo(backups);
                points.add(info);
                assertThat(info.id()).isEqualTo(round);
                // One new table per round; logs and the manifest are per point.
                assertThat(sharedFiles(backups) - sharedBefore).isEqualTo(1);
                assertThat(db.stats().totalFiles()).isEqualTo(round);
                assertThat(info.filesAdded()).isEqualTo(info.files() - (round - 1));
            }
        }
        assertThat(Backups.list(backups))
                .extracting(BackupInfo::id, BackupInfo::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, points.get(0).sequence()),
                        org.assertj.core.groups.Tuple.tuple(2, points.get(1).sequence()),
                        org.assertj.core.groups.Tuple.tuple(3, points.get(2).sequence()));
        for (int id = 1; id <= 3; id++) {
            Path target = tmp.resolve("restore-" + id);
            Backups.restore(backups, id, target);
            try (LightningDb restored = LightningDb.open(target, NO_COMPACTION)) {
                assertHoldsRounds(restored, id);
            }
        }
    }

    private static void assertHoldsRounds(LightningDb db, int rounds) {
        for (int round = 1; round <= 3; round++) {
            boolean expected = round <= rounds;
            assertThat(db.get(key(round, 0))).isEqualTo(expected ? value(round, 0) : null);
            assertThat(db.get(key(round, 199))).isEqualTo(expected ? value(round, 199) : null);
            assertThat(db.get("tail:" + round)).isEqualTo(expected ? "in the log only" : null);
        }
    }

    @Test
    void purgeKeepsTheNewestPointsAndTheTablesTheyNeed() throws IOException {
        Path backups = tmp.resolve("backups");
        try (LightningDb db = LightningDb.open(tmp.resolve("db"), NO_COMPACTION)) {
            for (int round = 1; round <= 3; round++) {
                writeRound(db, round);
                db.backupTo(backups);
            }
            db.compact(); // merges the three tables: the next point shares none
            db.backupTo(backups);
        }
        assertThat(sharedFiles(backups)).isEqualTo(4);

        assertThat(Backups.purgeOldBackups(backups, 2)).containsExactly(1, 2);
        assertThat(Backups.list(backups)).extracting(BackupInfo::id).containsExactly(3, 4);
        assertThat(sharedFiles(backups)).as("tables used by points 3 and 4").isEqualTo(4);

        assertThat(Backups.purgeOldBackups(backups, 1)).containsExactly(3);
        assertThat(sharedFiles(backups)).as("only the compacted table").isEqualTo(1);
        Backups.restore(backups, 4, tmp.resolve("restored"));
        try (LightningDb restored = LightningDb.open(tmp.resolve("restored"), NO_COMPACTION)) {
            assertHoldsRounds(restored, 3);
        }
        assertThatThrownBy(() -> Backups.restore(backups, 1, tmp.resolve("gone")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
