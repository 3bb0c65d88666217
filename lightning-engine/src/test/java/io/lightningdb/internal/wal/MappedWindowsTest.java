package io.lightningdb.internal.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.util.InterruptSafeChannel;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync unmaps the windows the writer has left before its fsync, so only the window still taking
 * records is written back through a mapping; what went through an unmapped window is still in the
 * file. Counts mappings in {@code /proc/self/maps}.
 */
@EnabledOnOs(OS.LINUX)
class MappedWindowsTest {
    private static final int WINDOW = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSyncUnmapsTheWindowsLeftSinceTheLastOneAndForcesOnlyTheCurrentOne() throws Exception {
        Path file = dir.resolve("000001.log");
        try (InterruptSafeChannel channel = open(file)) {
            channel.run(ch -> ch.truncate(0));
            channel.run(ch -> ch.write(ByteBuffer.allocate(4 * WINDOW), 0));
            MappedWindows windows = new MappedWindows(channel, WINDOW);
            put(windows, 0, (byte) 1);
            put(windows, 1, (byte) 2);

            MappedWindows.Written first = windows.takeWritten();
            assertThat(first.passed()).hasSize(1);
            assertThat(first.current()).isNotNull();
            put(windows, 2, (byte) 3); // the writer leaves window 1 while this sync is under way
            windows.force(first);
            assertThat(mappingsOf(file))
                    .as("window 0 unmapped; 1 left during the sync, and 2")
                    .isEqualTo(2);

            MappedWindows.Written second = windows.takeWritten();
            assertThat(second.passed()).as("window 1, once").hasSize(1);
            windows.force(second);
            assertThat(mappingsOf(file)).as("only the window taking records").isEqualTo(1);

            MappedWindows.Written idle = windows.takeWritten();
            assertThat(idle.passed()).isEmpty();
            assertThat(idle.current()).as("nothing written since the last sync").isNull();

            windows.close();
            assertThat(mappingsOf(file)).isZero();
        }
        byte[] content = Files.readAllBytes(file);
        for (int w = 0; w < 3; w++) {
            byte[] window = Arrays.copyOfRange(content, w * WINDOW, (w + 1) * WINDOW);
            assertThat(window).as("window %d", w).containsOnly((byte) (w + 1));
        }
    }

    private static void put(MappedWindows windows, int window, byte value) throws Exception {
        byte[] bytes = new byte[WINDOW];
        Arrays.fill(bytes, value);
        long start = (long) window * WINDOW;
        windows.put(start, start, bytes, 0, bytes.length);
    }

    private static InterruptSafeChannel open(Path file) throws Exception {
        return InterruptSafeChannel.open(
                () -> FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                () -> FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    private static long mappingsOf(Path file) throws Exception {
        String name = file.toRealPath().toString();
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith(name)).count();
        }
    }
}
