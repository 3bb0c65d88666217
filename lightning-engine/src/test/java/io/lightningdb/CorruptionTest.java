package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lightningdb.testutil.ChildJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files are reported as {@link CorruptionException} naming the file, never read as wrong
 * data; only the torn tail a crash can leave in the newest log is forgiven.
 */
class CorruptionTest {
    /** Record framing of logs and the manifest: int32 length, int32 CRC32C, type byte, payload. */
    private static final int RECORD_HEADER = 9;

    private static final int WAL_RECORDS = 300;

    /** Small memtables make many tables; no compaction, so every table on disk stays live. */
    private static final LightningConfig SMALL_TABLES = LightningConfig.builder()
            .writeBufferSize(16 * 1024)
            .backgroundCompaction(false)
            .build();

    @TempDir
    Path dir;

    @Test
    void flippedBitInATableIsReportedAndNoWrongValueIsRead() throws IOException {
        Map<String, String> data = writeTables();
        Path table = largestFile(".sst");
        // Tables start with their first data block.
        flipBit(table, 20);

        LightningDb db;
        try {
            db = LightningDb.open(dir, SMALL_TABLES);
        } catch (CorruptionException e) {
            assertNamesFile(e, table);
            return;
        }
        try (db) {
            CorruptionException scanError =
                    catchThrowableOfType(CorruptionException.class, () -> scanAndCompare(db, data));
            assertThat(scanError)
                    .as("error from a full scan over the damaged table")
                    .isNotNull();
            assertNamesFile(scanError, table);

            int failedGets = 0;
            for (Map.Entry<String, String> entry : data.entrySet()) {
                try {
                    assertThat(db.get(entry.getKey()))
                            .as("get %s", entry.getKey())
                            .isEqualTo(entry.getValue());
                } catch (CorruptionException e) {
                    assertNamesFile(e, table);
                    failedGets++;
                }
            }
            assertThat(failedGets)
                    .as("gets of keys stored in the damaged block")
                    .isPositive();
        }
    }

    @Test
    void missingTableIsReported() throws IOException {
        writeTables();
        Path table = largestFile(".sst");
        Files.delete(table);

        CorruptionException e =
                catchThrowableOfType(CorruptionException.class, () -> LightningDb.open(dir, SMALL_TABLES));

        assertThat(e).as("error from opening a database with a missing table").isNotNull();
        assertThat(e.file().toAbsolutePath().normalize())
                .as("file named by %s", e)
                .isEqualTo(table.toAbsolutePath().normalize());
    }

    @Test
    void flippedBitInTheMiddleOfTheLogIsReported() throws IOException {
        writeOnlyToTheLog(WAL_RECORDS, LightningConfig.defaults().walSegmentSize());
        Path log = largestFile(".log");
        List<Frame> frames = frames(log);
        assertThat(frames).hasSizeGreaterThan(2);
        long position = frames.get(frames.size() / 2).payloadMiddle();
        flipBit(log, position);

        CorruptionException e = catchThrowableOfType(
                CorruptionException.class, () -> LightningDb.open(dir).close());

        assertThat(e)
                .as("error from opening a database whose log is damaged before its end")
                .isNotNull();
        assertNamesFile(e, log);
    }

    @Test
    void logTornInsideItsLastRecordLosesOnlyThatRecord() throws IOException {
        writeOnlyToTheLog(WAL_RECORDS, LightningConfig.defaults().walSegmentSize());
        Path log = largestFile(".log");
        List<Frame> frames = frames(log);
        truncate(log, frames.get(frames.size() - 1).payloadMiddle());

        try (LightningDb db = LightningDb.open(dir)) {
            for (int i = 0; i < WAL_RECORDS - 1; i++) {
                assertThat(db.get(walKey(i))).as("key %d", i).isEqualTo(walValue(i));
            }
            assertThat(db.get(walKey(WAL_RECORDS - 1)))
                    .as("the torn last record")
                    .isNull();
            db.put("after", "recovery");
        }
        try (LightningDb db = LightningDb.open(dir)) {
            assertThat(db.get("after")).isEqualTo("recovery");
            assertThat(db.get(walKey(WAL_RECORDS - 2))).isEqualTo(walValue(WAL_RECORDS - 2));
        }
    }

    @Test
    void logTornBeforeItsLastSegmentIsReported() throws IOException {
        writeOnlyToTheLog(3000, 64 * 1024);
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
        assertThat(logs).as("log segments").hasSizeGreaterThan(1);
        Path oldest = logs.get(0);
        List<Frame> frames = frames(oldest);
        // A crash can tear only the newest segment: a torn older one lost acknowledged writes.
        truncate(oldest, frames.get(frames.size() - 1).payloadMiddle());

        CorruptionException e = catchThrowableOfType(
                CorruptionException.class, () -> LightningDb.open(dir).close());

        assertThat(e)
                .as("error from opening a database with a torn older log segment")
                .isNotNull();
        assertNamesFile(e, oldest);
    }

    @Test
    void flippedBitInTheManifestIsReported() throws IOException {
        writeTables();
        Path manifest = dir.resolve(Files.readString(dir.resolve("CURRENT")).strip());
        List<Frame> frames = frames(manifest);
        long position = frames.get((frames.size() - 1) / 2).payloadMiddle();
        assertThat(position).isGreaterThanOrEqualTo(RECORD_HEADER);
        flipBit(manifest, position);

        CorruptionException e = catchThrowableOfType(
                CorruptionException.class,
                () -> LightningDb.open(dir, SMALL_TABLES).close());

        assertThat(e)
                .as("error from opening a database whose manifest is damaged")
                .isNotNull();
        assertNamesFile(e, manifest);
    }

    /** Writes distinct keys through many small memtables into tables, and closes the database. */
    private Map<String, String> writeTables() {
        Map<String, String> data = new LinkedHashMap<>();
        try (LightningDb db = LightningDb.open(dir, SMALL_TABLES)) {
            for (int i = 0; i < 2000; i++) {
                String key = String.format("key-%05d", i);
                data.put(key, "value-" + i + "-" + "x".repeat(40));
                db.put(key, data.get(key));
            }
            db.flush();
        }
        return data;
    }

    /**
     * Has a child JVM write {@code count} puts and die without closing, so that they live only in
     * log segments of {@code segmentSize} bytes.
     */
    private void writeOnlyToTheLog(int count, long segmentSize) {
        try (ChildJvm child = ChildJvm.start(
                LogOnlyWriter.class, dir.toString(), Integer.toString(count), Long.toString(segmentSize))) {
            child.awaitLine("DONE", Duration.ofSeconds(60));
            assertThat(child.waitFor(Duration.ofSeconds(30)))
                    .as("writer exit code%s", child.describe())
                    .isZero();
        }
    }

    private static void scanAndCompare(LightningDb db, Map<String, String> data) {
        try (KvIterator it = db.scan(KeyRange.all())) {
            while (it.next()) {
                assertThat(it.valueAsString())
                        .as("scanned %s", it.keyAsString())
                        .isEqualTo(data.get(it.keyAsString()));
            }
        }
    }

    private static void assertNamesFile(CorruptionException e, Path file) throws IOException {
        assertThat(e.file()).as("file named by %s", e).isNotNull();
        assertThat(e.file().toAbsolutePath().normalize())
                .as("file named by %s", e)
                .isEqualTo(file.toAbsolutePath().normalize());
        assertThat(e.offset()).as("offset in %s", e).isBetween(0L, Files.size(file));
    }

    private Path largestFile(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .max(Comparator.comparingLong(CorruptionTest::size))
                    .orElseThrow(() -> new AssertionError("no " + suffix + " file in " + dir));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The records of a log-framed file (a log segment or the manifest). */
    /** The records of a log, up to the zeros a SYNC-mode writer preallocates after them. */
    private static List<Frame> frames(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<Frame> frames = new ArrayList<>();
        int pos = 0;
        while (pos + RECORD_HEADER <= data.length && !zerosFrom(data, pos)) {
            int length = ByteBuffer.wrap(data, pos, 4).getInt();
            if (length < 0 || pos + RECORD_HEADER + length > data.length) {
                break;
            }
            frames.add(new Frame(pos, length));
            pos += RECORD_HEADER + length;
        }
        assertThat(zerosFrom(data, pos)).as("record framing of %s", file).isTrue();
        assertThat(frames).as("records of %s", file).isNotEmpty();
        return frames;
    }

    private static boolean zerosFrom(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void flipBit(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x10);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static String walKey(int i) {
        return String.format("wal-%05d", i);
    }

    private static String walValue(int i) {
        return "value-" + i + "-" + "y".repeat(i % 50);
    }

    /** One record: where it starts and how long its payload is. */
    private record Frame(long start, int payloadLength) {
        long payloadMiddle() {
            return start + RECORD_HEADER + payloadLength / 2;
        }
    }

    /**
     * Child JVM: writes {@code args[1]} synced puts into a fresh database whose memtable is far
     * larger than the data, with log segments of {@code args[2]} bytes, prints DONE and halts
     * without closing, like a crash.
     */
    static final class LogOnlyWriter {
        public static void main(String[] args) {
            PrintStream out = ChildJvm.protocolOut();
            LightningConfig config = LightningConfig.builder()
                    .walSyncMode(WalSyncMode.SYNC)
                    .walSegmentSize(Long.parseLong(args[2]))
                    .build();
            LightningDb db = LightningDb.open(Path.of(args[0]), config);
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                db.put(walKey(i).getBytes(UTF_8), walValue(i).getBytes(UTF_8));
            }
            out.println("DONE");
            out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
