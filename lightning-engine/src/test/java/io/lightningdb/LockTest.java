package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.testutil.ChildJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One directory, one owner: a second open, in this JVM or another process, is refused. */
class LockTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void secondOpenInTheSameJvmIsRefused() {
        try (LightningDb db = LightningDb.open(dir)) {
            db.put("k", "v");
            assertThatThrownBy(() -> LightningDb.open(dir)).isInstanceOf(DatabaseLockedException.class);
            assertThatThrownBy(() -> LightningDb.open(dir.resolve(".")))
                    .as("the same directory under another name")
                    .isInstanceOf(DatabaseLockedException.class);

            // The refused opens must not have released the lock the first one holds.
            assertThat(probeFromAnotherProcess()).isEqualTo("LOCKED");
            db.put("k2", "v2");
            assertThat(db.get("k")).isEqualTo("v");
        }
        try (LightningDb db = LightningDb.open(dir)) {
            assertThat(db.get("k")).isEqualTo("v");
            assertThat(db.get("k2")).isEqualTo("v2");
        }
    }

    @Test
    void openWhileAnotherProcessHoldsTheDirectoryIsRefused() {
        try (ChildJvm holder = ChildJvm.start(LockHolder.class, dir.toString(), "hold")) {
            holder.awaitLine("READY", TIMEOUT);

            assertThatThrownBy(() -> LightningDb.open(dir)).isInstanceOf(DatabaseLockedException.class);

            holder.closeStdin();
            holder.awaitLine("CLOSED", TIMEOUT);
            assertThat(holder.waitFor(TIMEOUT))
                    .as("holder exit code%s", holder.describe())
                    .isZero();
        }
        try (LightningDb db = LightningDb.open(dir)) {
            assertThat(db.get("held-by")).isEqualTo("child");
        }
    }

    @Test
    void lockIsReleasedWhenTheHolderIsKilled() {
        try (ChildJvm holder = ChildJvm.start(LockHolder.class, dir.toString(), "hold")) {
            holder.awaitLine("READY", TIMEOUT);
            holder.kill();
        }
        try (LightningDb db = LightningDb.open(dir)) {
            assertThat(db.get("held-by")).isEqualTo("child");
        }
    }

    @Test
    void anotherProcessCanOpenAfterClose() {
        try (LightningDb db = LightningDb.open(dir)) {
            db.put("k", "v");
        }
        assertThat(probeFromAnotherProcess()).isEqualTo("OPENED");
    }

    /** Tries to open {@link #dir} in a child JVM; returns LOCKED or OPENED. */
    private String probeFromAnotherProcess() {
        try (ChildJvm probe = ChildJvm.start(LockHolder.class, dir.toString(), "probe")) {
            String line = probe.readLine(TIMEOUT);
            assertThat(probe.waitFor(TIMEOUT))
                    .as("probe exit code%s", probe.describe())
                    .isZero();
            return line;
        }
    }

    /**
     * Child JVM: {@code hold} opens the database, writes a key, prints READY and keeps it open until
     * stdin closes, then closes it and prints CLOSED; {@code probe} tries to open it and prints
     * LOCKED or OPENED.
     */
    static final class LockHolder {
        public static void main(String[] args) throws IOException {
            PrintStream out = ChildJvm.protocolOut();
            Path dir = Path.of(args[0]);
            if (args[1].equals("probe")) {
                try (LightningDb db = LightningDb.open(dir)) {
                    out.println("OPENED");
                } catch (DatabaseLockedException e) {
                    out.println("LOCKED");
                }
                out.flush();
                return;
            }
            try (LightningDb db = LightningDb.open(dir)) {
                db.put("held-by", "child");
                out.println("READY");
                out.flush();
                while (System.in.read() >= 0) {
                    // Wait for the parent to close stdin.
                }
            }
            out.println("CLOSED");
            out.flush();
        }
    }
}
