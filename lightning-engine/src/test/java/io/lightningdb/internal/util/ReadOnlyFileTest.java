package io.lightningdb.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupts neither fail a read nor close the file for other readers. */
class ReadOnlyFileTest {
    private static final int SIZE = 1 << 20;

    @TempDir
    Path dir;

    private Path file() throws Exception {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(7).nextBytes(bytes);
        return Files.write(dir.resolve("data"), bytes);
    }

    @Test
    void anInterruptedReaderReadsAndKeepsItsInterrupt() throws Exception {
        Path path = file();
        byte[] expected = Files.readAllBytes(path);
        try (ReadOnlyFile file = ReadOnlyFile.open(path)) {
            Thread.currentThread().interrupt();
            byte[] read = new byte[4096];

            int n = file.readFully(8192, read, 0, read.length);

            assertThat(Thread.interrupted()).as("interrupt kept").isTrue();
            assertThat(n).isEqualTo(read.length);
            assertThat(read).isEqualTo(Arrays.copyOfRange(expected, 8192, 8192 + 4096));
        }
    }

    @Test
    void interruptsArrivingDuringReadsNeverBreakTheFileForOthers() throws Exception {
        Path path = file();
        byte[] expected = Files.readAllBytes(path);
        try (ReadOnlyFile file = ReadOnlyFile.open(path)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] readers = new Thread[2];
            Throwable[] failures = new Throwable[readers.length];
            for (int r = 0; r < readers.length; r++) {
                int id = r;
                readers[r] = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(id);
                    byte[] buf = new byte[64 * 1024];
                    try {
                        while (!stop.get()) {
                            int at = random.nextInt(SIZE - buf.length);
                            assertThat(file.readFully(at, buf, 0, buf.length)).isEqualTo(buf.length);
                            assertThat(Arrays.equals(buf, 0, buf.length, expected, at, at + buf.length))
                                    .isTrue();
                        }
                    } catch (Throwable e) {
                        failures[id] = e;
                    }
                });
                readers[r].start();
            }
            for (int i = 0; i < 2_000; i++) { // reader 0 is interrupted over and over, mid-read some of the time
                readers[0].interrupt();
                Thread.sleep(0, 50_000);
            }
            stop.set(true);
            for (Thread reader : readers) {
                reader.join();
            }

            assertThat(failures).containsOnlyNulls();
            byte[] tail = new byte[100];
            assertThat(file.readFully(SIZE - 50, tail, 0, tail.length))
                    .as("short at the end")
                    .isEqualTo(50);
        }
    }

    @Test
    void aClosedFileIsNotReopened() throws Exception {
        ReadOnlyFile file = ReadOnlyFile.open(file());
        file.close();

        assertThatThrownBy(() -> file.readFully(0, new byte[10], 0, 10)).isInstanceOf(ClosedChannelException.class);
    }
}
