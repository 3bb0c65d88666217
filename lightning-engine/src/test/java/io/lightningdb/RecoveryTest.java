package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from a process crash, simulated in-process by copying the directory of a database that
 * is still open (what a killed process leaves: every acknowledged write is in the files, nothing
 * was closed). {@code CrashTest} does the same with a real SIGKILL and random timing; these tests
 * pin down the cases it found.
 */
class RecoveryTest {
    /** Small log segments rotate often; a large memtable and no compaction keep the manifest still. */
    private static final LightningConfig ROTATING_LOGS = LightningConfig.builder()
            .walSegmentSize(64 * 1024)
            .writeBufferSize(32 * 1024 * 1024)
            .backgroundCompaction(false)
            .walSyncMode(WalSyncMode.NORMAL)
            .build();

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    /**
     * Log segments rotate without a manifest edit, so after a crash the manifest's next file number
     * can lie below logs on disk. Recovery must not hand those numbers out again, nor leave a
     * replayed log behind to be replayed a second time over newer data.
     */
    @Test
    void logsNewerThanTheManifestAreReplayedOnceAndTheirNumbersNotReused() throws IOException {
        byte[] key = "key".getBytes(UTF_8);
        try (LightningDb db = LightningDb.open(dir, ROTATING_LOGS)) {
            for (int segment = 0; segment < 6; segment++) { // each after the manifest was last written
                db.put(key, "old".getBytes(UTF_8)); // in every segment: some will outlive recovery
                fill(db, "a" + segment + "-", 64);
            }
            assertThat(logs(dir)).hasSizeGreaterThan(3);
            copy(dir, crashed);
        }
        List<String> logsAtCrash = names(logs(crashed));

        try (LightningDb db = LightningDb.open(crashed, ROTATING_LOGS)) {
            assertThat(names(logs(crashed))).doesNotContainAnyElementsOf(logsAtCrash); // replayed, then gone
            assertThat(db.get(key)).asString(UTF_8).isEqualTo("old");
            db.put(key, "new".getBytes(UTF_8));
            db.flush(); // the newer value goes to a table of its own
            fill(db, "b", 100);
        }

        try (LightningDb db = LightningDb.open(crashed, ROTATING_LOGS)) {
            assertThat(db.get(key)).asString(UTF_8).isEqualTo("new");
            try (KvIterator it = db.scan(KeyRange.prefix("key"))) {
                assertThat(it.next()).isTrue();
                assertThat(it.key()).isEqualTo(key);
                assertThat(it.value()).asString(UTF_8).isEqualTo("new");
            }
            assertThat(db.get("a0-0".getBytes(UTF_8))).isNotNull();
            assertThat(db.get("b99".getBytes(UTF_8))).isNotNull();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static void fill(LightningDb db, String prefix, int count) {
        byte[] value = new byte[1000];
        for (int i = 0; i < count; i++) {
            value[0] = (byte) i;
            db.put((prefix + i).getBytes(UTF_8), value);
        }
    }

    private static List<Path> logs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = new ArrayList<>(s.toList());
        }
        for (Path f : files) {
            Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
