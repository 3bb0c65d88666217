package io.lightningdb.fault;

import static io.lightningdb.fault.FaultInjector.FileKind.MANIFEST;
import static io.lightningdb.fault.FaultInjector.FileKind.TABLE;
import static io.lightningdb.fault.FaultInjector.FileKind.WAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault-injection tools themselves: what a full disk and a failed fsync look like to a writer. */
class FaultyFileChannelTest {
    private static final Set<StandardOpenOption> WRITE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    @TempDir
    Path dir;

    @Test
    void fullDiskWithShortWriteWritesWhatFitsThenFailsEveryWrite() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(WAL).armFullDisk(5, true);
        Path file = dir.resolve("000001.log");
        try (FileChannel ch = disk.open(file, WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertThat(ch.write(buf)).as("a short write").isEqualTo(5);
            assertThat(buf.remaining()).isEqualTo(3);
            assertThatThrownBy(() -> ch.write(buf))
                    .isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[1]), 0)).hasMessage("No space left on device");
        }
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3, 4, 5);
        assertThat(disk.faults().shortWritesMade()).isEqualTo(1);
        assertThat(disk.faults().writesFailed()).isEqualTo(2);
        assertThat(disk.faults().bytesWritten()).isEqualTo(5);
    }

    @Test
    void fullDiskWithoutShortWriteFailsTheWholeWriteAndWritesNothing() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(TABLE).armFullDisk(5, false);
        Path file = dir.resolve("000002.sst.tmp");
        try (FileChannel ch = disk.open(file, WRITE)) {
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[8]))).hasMessage("No space left on device");
            assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[1])))
                    .as("the disk stays full")
                    .hasMessage("No space left on device");
            disk.disarm();
            assertThat(ch.write(ByteBuffer.wrap(new byte[] {9}))).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(file)).containsExactly(9);
    }

    @Test
    void failedSyncFailsForceUntilDisarmed() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(MANIFEST);
        try (FileChannel ch = disk.open(dir.resolve("MANIFEST-000003"), WRITE)) {
            ch.force(true);
            disk.armFailedSync();
            assertThatThrownBy(() -> ch.force(false)).hasMessageContaining("fsync failed");
            disk.disarm();
            ch.force(false);
        }
        assertThat(disk.faults().forces()).isEqualTo(2);
        assertThat(disk.faults().forcesFailed()).isEqualTo(1);
    }

    @Test
    void filesOfOtherKindsAreNotWrapped() throws IOException {
        FaultInjector disk = FaultInjector.forFiles(WAL).armFullDisk(0, false).armFailedSync();
        try (FileChannel ch = disk.open(dir.resolve("000004.sst"), WRITE)) {
            assertThat(ch).isNotInstanceOf(FaultyFileChannel.class);
            assertThat(ch.write(ByteBuffer.wrap(new byte[3]))).isEqualTo(3);
            ch.force(true);
        }
        assertThat(disk.wrappedFiles()).isEmpty();
    }
}
