package io.lightningdb.internal.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.nio.file.ExtendedOpenOption;
import io.lightningdb.CorruptionException;
import io.lightningdb.WriteChannelFactory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log records round-trip through writer and reader in every layout: appended, preallocated (a zero
 * tail) and mapped.
 */
class LogWriterTest {
    @TempDir
    Path dir;

    /**
     * PREALLOCATE writes records into zeros written ahead; MAP copies small flushes into a mapping
     * of those zeros, a megabyte window at a time, with records split across windows. Either way another
     * reader of the file (recovery after a killed process) sees every record handed to the OS.
     */
    @ParameterizedTest
    @EnumSource(
            value = LogWriter.Layout.class,
            names = {"PREALLOCATE", "DIRECT", "MAP"})
    void preallocatedLogReadsBackWhileOpenAndIsTrimmedOnClose(LogWriter.Layout layout) throws Exception {
        Path file = dir.resolve("000001.log");
        LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, file, 1, null, layout);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // about 1.5 MB: preallocation steps past the first megabyte
            String record = "record-" + i + "-".repeat(i % 100);
            writer.append(bytes(record), 0, record.length());
            written.add(record);
            if (i % 20 == 19) {
                writer.flush(); // ~1 KiB: small flushes are the ones copied into the mapping
            }
            if (i % 7000 == 6999) {
                writer.sync();
            }
        }
        writer.flush(); // handed to the OS, not synced: what a killed process leaves
        long logical = writer.size();
        assertThat(Files.size(file)).isGreaterThan(logical).isEqualTo(2 << 20); // zeros ahead of the records

        // As recovery after a crash sees it: every record, then a tail of zeros that is no record.
        List<String> read = new ArrayList<>();
        LogReader.Result open =
                LogReader.read(file, LogReader.Tail.COMPLETE, p -> read.add(new String(p, StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(written);
        assertThat(open.validLength()).isEqualTo(logical);
        assertThat(open.zeroTail()).isTrue();

        writer.close();
        assertThat(Files.size(file)).isEqualTo(logical);
        read.clear();
        LogReader.Result closed =
                LogReader.read(file, LogReader.Tail.COMPLETE, p -> read.add(new String(p, StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(written);
        assertThat(closed.tornAt()).isEqualTo(-1);
        assertThat(closed.zeroTail()).isFalse();
    }

    /**
     * A commit leader is a caller's thread, and may be interrupted while it writes or fsyncs the
     * log. Its channel would close; the writer reopens it and redoes the write or fsync, so every
     * record lands once and in order, and the thread keeps its interrupt.
     */
    @ParameterizedTest
    @EnumSource(LogWriter.Layout.class)
    void interruptsMidWriteOrFsyncLoseNothing(LogWriter.Layout layout) throws Exception {
        Path file = dir.resolve("000001.log");
        List<String> written = new ArrayList<>();
        boolean[] keptInterrupt = new boolean[1];
        Throwable[] failure = new Throwable[1];
        Thread leader = new Thread(() -> {
            try (LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, file, 1, null, layout)) {
                for (int i = 0; i < 3_000; i++) { // past the first preallocated megabyte
                    String record = "record-" + i + "-".repeat(400);
                    writer.append(bytes(record), 0, record.length());
                    written.add(record);
                    writer.sync();
                    keptInterrupt[0] |= Thread.interrupted();
                }
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        leader.start();
        SplittableRandom random = new SplittableRandom(3);
        while (leader.isAlive()) {
            leader.interrupt();
            LockSupport.parkNanos(50_000 + random.nextInt(100_000));
        }
        leader.join();

        assertThat(failure[0]).isNull();
        assertThat(keptInterrupt[0]).isTrue();
        List<String> read = new ArrayList<>();
        LogReader.Result result =
                LogReader.read(file, LogReader.Tail.COMPLETE, p -> read.add(new String(p, StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(written);
        assertThat(result.tornAt()).isEqualTo(-1);
    }

    /**
     * A mapped log unmaps each window once it has moved past it and synced it, and every window on
     * close: the JDK would otherwise keep them mapped until garbage collection, and with them the
     * disk blocks of deleted segments.
     */
    @Test
    @EnabledOnOs(OS.LINUX) // reads the process's mappings from /proc/self/maps
    void mappedLogUnmapsWindowsItHasSyncedAndMovedPast() throws Exception {
        Path file = dir.resolve("000004.log");
        LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, file, 4, null, LogWriter.Layout.MAP);
        byte[] record = new byte[1_000];
        for (int i = 0; i < 3_500; i++) { // 3.5 MB: four windows
            writer.append(record, 0, record.length);
            writer.flush();
        }
        assertThat(mappingsOf(file)).as("windows written since the last sync").isGreaterThan(1);
        writer.sync();
        assertThat(mappingsOf(file)).as("only the window still taking records").isEqualTo(1);
        writer.close();
        assertThat(mappingsOf(file)).isZero();
        List<String> read = new ArrayList<>();
        LogReader.read(file, LogReader.Tail.COMPLETE, p -> read.add("r"));
        assertThat(read).hasSize(3_500);
    }

    private static long mappingsOf(Path file) throws Exception {
        String name = file.toRealPath().toString();
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith(name)).count();
        }
    }

    @Test
    void lastRecordTornInsidePreallocatedSpaceIsATornTailNotCorruption() throws Exception {
        Path file = dir.resolve("000003.log");
        LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, file, 3, null, LogWriter.Layout.PREALLOCATE);
        for (int i = 0; i < 10; i++) {
            String record = "record-" + i + "-".repeat(50);
            writer.append(bytes(record), 0, record.length());
        }
        writer.sync();
        long end = writer.size();
        long lastStart = end - (LogFormat.HEADER_SIZE + "record-9".length() + 50);
        // A power loss persisted the last record's first half only: its second half reads as zeros.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = lastStart + LogFormat.HEADER_SIZE + 20;
            raf.seek(middle);
            raf.write(new byte[(int) (end - middle)]);
        }
        List<String> read = new ArrayList<>();
        LogReader.Result result =
                LogReader.read(file, LogReader.Tail.CRASHED, p -> read.add(new String(p, StandardCharsets.UTF_8)));
        assertThat(read).hasSize(9);
        assertThat(result.tornAt()).isEqualTo(lastStart);
        assertThat(result.validLength()).isEqualTo(lastStart);
        assertThatThrownBy(() -> LogReader.read(file, LogReader.Tail.COMPLETE, p -> {}))
                .as("the same tear in a segment that is not the newest lost acknowledged writes")
                .isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> LogReader.read(file, LogReader.Tail.APPENDING, p -> {}))
                .as("in a live log, a whole record that fails its checksum is damage, not an append")
                .isInstanceOf(CorruptionException.class);
        writer.close();
    }

    /**
     * Direct writes move whole blocks: each rewrites the file's partial last block with the new
     * records after it and zeros to the block's end. Records of every size (inside one block, across
     * blocks, past the writer's buffer and past a preallocation step), flushed and synced at random,
     * must leave exactly the bytes plain appends leave, and read back while the log is open.
     */
    @Test
    void directWritesLeaveExactlyTheBytesOfPlainAppends() throws Exception {
        Path direct = dir.resolve("000003.log");
        Path plain = dir.resolve("000004.log");
        SplittableRandom random = new SplittableRandom(11);
        try (LogWriter d = new LogWriter(WriteChannelFactory.DEFAULT, direct, 3, null, LogWriter.Layout.DIRECT);
                LogWriter p = new LogWriter(WriteChannelFactory.DEFAULT, plain, 4, null)) {
            assumeTrue(d.writesDirect(), "the file system of the temporary directory takes no direct I/O");
            int[] sizes = {1, 7, 100, 4_000, 4_096, 5_000, 70_000, 300_000, 1_500_000};
            List<byte[]> written = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] record =
                        new byte[random.nextInt(8) == 0 ? sizes[random.nextInt(sizes.length)] : random.nextInt(300)];
                random.nextBytes(record);
                written.add(record);
                d.append(record, 0, record.length);
                p.append(record, 0, record.length);
                switch (random.nextInt(3)) {
                    case 0 -> d.sync();
                    case 1 -> d.flush();
                    default -> {} // stays buffered with the next records
                }
            }
            d.sync();
            p.flush();
            List<byte[]> read = new ArrayList<>();
            LogReader.Result open = LogReader.read(direct, LogReader.Tail.COMPLETE, read::add);
            assertThat(read).hasSameSizeAs(written);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i)).as("record %d", i).isEqualTo(written.get(i));
            }
            assertThat(open.validLength()).isEqualTo(d.size());
            assertThat(open.zeroTail()).isTrue();
        }
        assertThat(Files.readAllBytes(direct)).isEqualTo(Files.readAllBytes(plain));
    }

    /**
     * A file system that refuses {@code O_DIRECT} (tmpfs on older kernels, some network and FUSE
     * file systems) gets {@code write()} and fsync instead; nothing else changes. So does a writer
     * in the PREALLOCATE layout (direct I/O turned off).
     */
    @Test
    void preallocatedLogWithoutDirectIoWritesAndSyncs() throws Exception {
        try (LogWriter plain = new LogWriter(
                WriteChannelFactory.DEFAULT, dir.resolve("000006.log"), 6, null, LogWriter.Layout.PREALLOCATE)) {
            assertThat(plain.writesDirect()).isFalse();
        }
        Path file = dir.resolve("000005.log");
        WriteChannelFactory noDirect = (path, options, attributes) -> {
            if (options.contains(ExtendedOpenOption.DIRECT)) {
                throw new IOException("Invalid argument");
            }
            return FileChannel.open(path, options, attributes);
        };
        try (LogWriter writer = new LogWriter(noDirect, file, 5, null, LogWriter.Layout.DIRECT)) {
            assertThat(writer.writesDirect()).isFalse();
            writer.append(bytes("one"), 0, 3);
            writer.sync();
            assertThat(Files.size(file)).isEqualTo(1 << 20); // preallocated all the same
        }
        List<String> read = new ArrayList<>();
        LogReader.read(file, LogReader.Tail.COMPLETE, p -> read.add(new String(p, StandardCharsets.UTF_8)));
        assertThat(read).containsExactly("one");
    }

    @Test
    void withoutPreallocationTheFileHoldsOnlyRecords() throws Exception {
        Path file = dir.resolve("000002.log");
        try (LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, file, 2, null)) {
            writer.append(bytes("one"), 0, 3);
            writer.sync();
            assertThat(Files.size(file)).isEqualTo(writer.size());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
