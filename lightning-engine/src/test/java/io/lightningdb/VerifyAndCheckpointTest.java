package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndCheckpointTest {
    @TempDir
    Path dir;

    @TempDir
    Path copy;

    private static final LightningConfig CONFIG = LightningConfig.builder()
            .walSyncMode(WalSyncMode.NORMAL)
            .backgroundCompaction(false)
            .build();

    private static void write(LightningDb db, String prefix, int count) {
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < count; i++) {
            batch.put(prefix + i, "value-" + prefix + i + "-".repeat(40));
        }
        db.write(batch);
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x10);
        }
    }

    @Test
    void cleanDatabaseReportsNoProblemsAndCountsWhatItRead() {
        try (LightningDb db = LightningDb.open(dir, CONFIG)) {
            write(db, "a", 2000);
            db.flush();
            write(db, "b", 10);
            VerifyReport report = db.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.isClean()).isTrue();
            assertThat(report.tablesChecked()).isEqualTo(1);
            assertThat(report.blocksChecked()).isGreaterThan(10);
            assertThat(report.logFilesChecked()).isGreaterThanOrEqualTo(2); // a log and the manifest
            assertThat(report.recordsChecked()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void bitFlipsInATableAndInTheLogAreReportedWithFileAndOffset() throws IOException {
        try (LightningDb db = LightningDb.open(dir, CONFIG)) {
            write(db, "a", 2000);
            db.flush();
            write(db, "b", 10);
            db.checkpoint(); // flushes again: the "b" record stays in the current log until it rotates
            write(db, "c", 10);
            write(db, "d", 10);
            Path table = files(".sst").get(0);
            Path log = files(".log").get(files(".log").size() - 1);
            long secondRecord = firstRecordLength(log);
            flipBit(table, 20); // inside the first data block, which starts at offset 0
            flipBit(log, secondRecord + 30); // inside the payload of the second record

            VerifyReport report = db.verify();

            assertThat(report.problems())
                    .extracting(VerifyReport.Problem::file, VerifyReport.Problem::offset)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(table, 0L),
                            org.assertj.core.groups.Tuple.tuple(log, secondRecord));
            assertThat(report.problems())
                    .allSatisfy(p -> assertThat(p.message()).contains("checksum"));
        }
    }

    /** Records are framed as int32 payload length, int32 CRC32C, type byte, payload. */
    private static long firstRecordLength(Path log) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            return 9 + f.readInt();
        }
    }

    @Test
    void afterACheckpointTheTablesAloneHoldEveryWrite() throws IOException {
        try (LightningDb db = LightningDb.open(dir, CONFIG)) {
            write(db, "a", 500);
            db.checkpoint();
            // Copy everything but the logs and the lock: a checkpoint needs no log replay.
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.endsWith(".log") && !name.equals("LOCK")) {
                        Files.copy(p, copy.resolve(name));
                    }
                }
            }
        }
        try (LightningDb restored = LightningDb.open(copy, CONFIG)) {
            for (int i = 0; i < 500; i++) {
                assertThat(restored.get("a" + i)).isEqualTo("value-a" + i + "-".repeat(40));
            }
        }
    }
}
