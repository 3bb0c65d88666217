package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LightningConfig#walDirectIo()} decides how a SYNC-mode log segment is opened, seen from
 * outside: the flags of the process's open descriptors of the segment ({@code /proc/self/fdinfo}).
 */
@EnabledOnOs(OS.LINUX)
class WalDirectIoTest {
    private static final int O_DIRECT = 040000; // octal, as fdinfo prints flags; arm64 has its own value
    private static final int O_DIRECT_ARM64 = 0200000;

    @TempDir
    Path dir;

    @Test
    void syncModeLogIsOpenedForDirectIoByDefault() throws IOException {
        assumeTrue(takesDirectIo(dir), "the temporary directory's file system takes no direct I/O");
        try (LightningDb db = LightningDb.open(dir, LightningConfig.builder().build())) {
            db.put("k", "v");
            assertThat(logDescriptorFlags()).anyMatch(WalDirectIoTest::direct);
            assertThat(db.get("k")).isEqualTo("v");
        }
        try (LightningDb reopened =
                LightningDb.open(dir, LightningConfig.builder().build())) {
            assertThat(reopened.get("k")).isEqualTo("v");
        }
    }

    @Test
    void turnedOffTheLogIsWrittenAndFsyncedThroughThePageCache() throws IOException {
        LightningConfig config = LightningConfig.builder().walDirectIo(false).build();
        try (LightningDb db = LightningDb.open(dir, config)) {
            db.put("k", "v");
            assertThat(logDescriptorFlags()).isNotEmpty().noneMatch(WalDirectIoTest::direct);
        }
        try (LightningDb reopened = LightningDb.open(dir, config)) {
            assertThat(reopened.get("k")).isEqualTo("v");
        }
    }

    /** Whether a file in {@code dir} can be opened and written with {@code O_DIRECT}. */
    private static boolean takesDirectIo(Path dir) {
        Path probe = dir.resolve("direct-probe");
        try (FileChannel ch = FileChannel.open(
                probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            int block = (int) Files.getFileStore(probe).getBlockSize();
            ch.write(ByteBuffer.allocateDirect(2 * block).alignedSlice(block).limit(block), 0);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the test's temporary directory goes anyway
            }
        }
    }

    private static boolean direct(int flags) {
        String arch = System.getProperty("os.arch");
        int bit = arch.equals("aarch64") || arch.equals("arm64") ? O_DIRECT_ARM64 : O_DIRECT;
        return (flags & bit) != 0;
    }

    /** The open flags of every descriptor this process holds on a {@code .log} file in {@link #dir}. */
    private List<Integer> logDescriptorFlags() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            Path target = Files.readSymbolicLink(fd);
                            return target.startsWith(dir.toRealPath())
                                    && target.toString().endsWith(".log");
                        } catch (IOException e) {
                            return false; // closed since it was listed
                        }
                    })
                    .map(fd -> {
                        try {
                            String line =
                                    Files.readAllLines(Path.of(
                                                    "/proc/self/fdinfo",
                                                    fd.getFileName().toString()))
                                            .stream()
                                            .filter(l -> l.startsWith("flags:"))
                                            .findFirst()
                                            .orElseThrow();
                            return Integer.parseInt(
                                    line.substring("flags:".length()).trim(), 8);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }
}
