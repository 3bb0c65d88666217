package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointInTimeRestoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private LightningConfig config;
    private Path archive;
    private Path backups;
    private long s1;
    private long s2;
    private long s4;

    @BeforeEach
    void writeHistory() throws IOException {
        archive = tmp.resolve("archive");
        backups = tmp.resolve("backups");
        config = LightningConfig.builder()
                .walSyncMode(WalSyncMode.NORMAL)
                .walArchiveDirectory(archive)
                .clock(clock)
                .build();
        try (LightningDb db = LightningDb.open(tmp.resolve("db"), config)) {
            db.put("base", "before the backup");
            assertThat(db.backupTo(backups).id()).isEqualTo(1);
            clock.now = T0.plusSeconds(10);
            db.put("k1", "v1");
            s1 = db.stats().lastSequence();
            clock.now = T0.plusSeconds(20);
            db.put("k2", "v2");
            s2 = db.stats().lastSequence();
            clock.now = T0.plusSeconds(30);
            db.write(WriteBatch.create().put("k3", "v3").delete("k1"));
            s4 = db.stats().lastSequence();
            db.checkpoint(); // retires the log segment holding k1..k3 into the archive
        }
        try (Stream<Path> s = Files.list(archive)) {
            assertThat(s.count()).as("archived segments").isPositive();
        }
    }

    private Map<String, String> restoreToSequence(long sequence, String name) {
        Path target = tmp.resolve(name);
        long reached = Backups.restoreToSequence(backups, 1, archive, target, sequence, config);
        assertThat(reached).isEqualTo(sequence);
        return contents(target);
    }

    private Map<String, String> contents(Path dir) {
        Map<String, String> result = new java.util.TreeMap<>();
        try (LightningDb db = LightningDb.open(
                        dir, config.toBuilder().walArchiveDirectory(null).build());
                KvIterator it = db.scan(KeyRange.all())) {
            while (it.next()) {
                result.put(it.keyAsString(), it.valueAsString());
            }
        }
        return result;
    }

    @Test
    void restoreToASequenceBetweenTwoWritesShowsExactlyTheWritesBeforeIt() {
        assertThat(restoreToSequence(s1, "at-s1"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("base", "before the backup", "k1", "v1"));
        assertThat(restoreToSequence(s2, "at-s2"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("base", "before the backup", "k1", "v1", "k2", "v2"));
        assertThat(restoreToSequence(s4, "at-s4"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("base", "before the backup", "k2", "v2", "k3", "v3"));
    }

    @Test
    void restoreToATimeReplaysTheWritesCommittedUpToIt() {
        Path target = tmp.resolve("at-25s");
        long reached = Backups.restoreToTime(backups, 1, archive, target, T0.plusSeconds(25), config);
        assertThat(reached).isEqualTo(s2);
        assertThat(contents(target))
                .containsExactlyInAnyOrderEntriesOf(Map.of("base", "before the backup", "k1", "v1", "k2", "v2"));
    }

    @Test
    void restoreBeyondTheArchiveStopsAtItsEnd() {
        Path target = tmp.resolve("all");
        long reached = Backups.restoreToSequence(backups, 1, archive, target, Long.MAX_VALUE, config);
        assertThat(reached).isEqualTo(s4);
        assertThat(contents(target)).containsOnlyKeys("base", "k2", "k3");
    }
}
