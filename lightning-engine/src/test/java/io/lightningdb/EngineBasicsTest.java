package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Examples of the public API, one behaviour per test; {@link ModelPropertyTest} covers combinations. */
class EngineBasicsTest {

    /** Small memtables and files so that a few thousand keys span several tables. */
    private static final LightningConfig SMALL = LightningConfig.builder()
            .writeBufferSize(64 * 1024)
            .blockSize(1024)
            .targetFileSize(32 * 1024)
            .levelBaseSize(64 * 1024)
            .walSyncMode(WalSyncMode.NORMAL)
            .build();

    @TempDir
    Path dir;

    private LightningDb db;

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    private LightningDb open(LightningConfig config) {
        db = LightningDb.open(dir, config);
        return db;
    }

    private LightningDb reopen(LightningConfig config) {
        db.close();
        return open(config);
    }

    @Nested
    class PointOperations {

        @Test
        void putGetDeleteExists() {
            open(SMALL);
            byte[] key = bytes(1, 2, 3);

            assertThat(db.get(key)).isNull();
            assertThat(db.exists(key)).isFalse();

            db.put(key, bytes(9));
            assertThat(db.get(key)).containsExactly(9);
            assertThat(db.exists(key)).isTrue();

            db.put(key, bytes(8, 7));
            assertThat(db.get(key)).containsExactly(8, 7);

            assertThat(db.delete(key)).isTrue();
            assertThat(db.get(key)).isNull();
            assertThat(db.exists(key)).isFalse();
            assertThat(db.delete(key)).isFalse();
        }

        @Test
        void stringOverloadsRoundTripUnicode() {
            open(SMALL);
            db.put("città:1", "naïve ☃");

            assertThat(db.get("città:1")).isEqualTo("naïve ☃");
            assertThat(db.get("città:1".getBytes(UTF_8))).isEqualTo("naïve ☃".getBytes(UTF_8));
            assertThat(db.exists("città:1")).isTrue();
            assertThat(db.delete("città:1")).isTrue();
            assertThat(db.get("città:1")).isNull();
            assertThat(db.exists("città:1")).isFalse();
        }

        @Test
        void returnedArraysAreIndependentOfTheCallersArrays() {
            open(SMALL);
            byte[] key = bytes(1);
            byte[] value = bytes(2);
            db.put(key, value);
            value[0] = 99;
            key[0] = 99;

            byte[] read = db.get(bytes(1));
            assertThat(read).containsExactly(2);
            read[0] = 42;
            assertThat(db.get(bytes(1))).containsExactly(2);
        }

        @Test
        void secondOpenOfTheSameDirectoryIsRefusedUntilClosed() {
            open(SMALL);
            db.put("k", "v");

            assertThatThrownBy(() -> LightningDb.open(dir, SMALL)).isInstanceOf(DatabaseLockedException.class);

            reopen(SMALL);
            assertThat(db.get("k")).isEqualTo("v");
        }
    }

    @Nested
    class Batches {

        @Test
        void batchAppliesPutsAndDeletes() {
            open(SMALL);
            db.put("a", "old");
            db.put("b", "doomed");

            db.write(WriteBatch.create().put("a", "new").put("c", "added").delete("b"));

            assertThat(db.get("a")).isEqualTo("new");
            assertThat(db.get("b")).isNull();
            assertThat(db.get("c")).isEqualTo("added");
        }

        @Test
        void operationsOnTheSameKeyApplyInOrder() {
            open(SMALL);
            db.put("deleted-last", "x");

            db.write(WriteBatch.create()
                    .put("deleted-last", "y")
                    .delete("deleted-last")
                    .delete("put-last")
                    .put("put-last", "1")
                    .put("put-last", "2"));

            assertThat(db.get("deleted-last")).isNull();
            assertThat(db.get("put-last")).isEqualTo("2");
        }

        @Test
        void clearedBatchCanBeReused() {
            open(SMALL);
            WriteBatch batch = WriteBatch.create().put("first", "1");
            db.write(batch);

            db.write(batch.clear().put("second", "2"));

            assertThat(db.get("first")).isEqualTo("1");
            assertThat(db.get("second")).isEqualTo("2");
        }

        @Test
        void emptyBatchChangesNothing() {
            open(SMALL);
            db.put("k", "v");

            db.write(WriteBatch.create());

            assertThat(keysOf(KeyRange.all())).containsExactly("k");
        }

        @Test
        void getBatchReadsInOrderWithNullsAndDuplicates() {
            open(SMALL);
            db.put("on-disk", "1");
            db.flush();
            db.put("in-memory", "2");

            List<byte[]> values = db.getBatch(
                    List.of(utf8("in-memory"), utf8("missing"), utf8("on-disk"), utf8("in-memory"), utf8("missing")));

            assertThat(values).hasSize(5);
            assertThat(values.get(0)).isEqualTo(utf8("2"));
            assertThat(values.get(1)).isNull();
            assertThat(values.get(2)).isEqualTo(utf8("1"));
            assertThat(values.get(3)).isEqualTo(utf8("2"));
            assertThat(values.get(4)).isNull();
            assertThat(db.getBatch(List.of())).isEmpty();
        }
    }

    @Nested
    class Scans {

        private static final List<String> KEYS = List.of("a", "ab", "abc", "abd", "b", "ba", "c");

        private void fill() {
            open(SMALL);
            WriteBatch batch = WriteBatch.create();
            KEYS.forEach(k -> batch.put(k, "v-" + k));
            db.write(batch);
        }

        @Test
        void allForwardAndReverse() {
            fill();
            assertThat(keysOf(KeyRange.all())).containsExactlyElementsOf(KEYS);
            assertThat(keysOf(KeyRange.all().reverse())).containsExactly("c", "ba", "b", "abd", "abc", "ab", "a");
        }

        @Test
        void iteratorReturnsValues() {
            fill();
            try (KvIterator it = db.scan(KeyRange.prefix("ab"))) {
                assertThat(it.next()).isTrue();
                assertThat(it.keyAsString()).isEqualTo("ab");
                assertThat(it.valueAsString()).isEqualTo("v-ab");
                assertThat(it.key()).isEqualTo(utf8("ab"));
                assertThat(it.value()).isEqualTo(utf8("v-ab"));
            }
        }

        @Test
        void prefix() {
            fill();
            assertThat(keysOf(KeyRange.prefix("ab"))).containsExactly("ab", "abc", "abd");
            assertThat(keysOf(KeyRange.prefix("ab").reverse())).containsExactly("abd", "abc", "ab");
            assertThat(keysOf(KeyRange.prefix("b"))).containsExactly("b", "ba");
            assertThat(keysOf(KeyRange.prefix(""))).containsExactlyElementsOf(KEYS);
        }

        @Test
        void betweenIncludesStartAndExcludesEnd() {
            fill();
            assertThat(keysOf(KeyRange.between("ab", "b"))).containsExactly("ab", "abc", "abd");
            assertThat(keysOf(KeyRange.between("ab", "b").reverse())).containsExactly("abd", "abc", "ab");
            assertThat(keysOf(KeyRange.between("aa", "bb"))).containsExactly("ab", "abc", "abd", "b", "ba");
        }

        @Test
        void atLeastAndLessThan() {
            fill();
            assertThat(keysOf(KeyRange.atLeast(utf8("b")))).containsExactly("b", "ba", "c");
            assertThat(keysOf(KeyRange.atLeast(utf8("b")).reverse())).containsExactly("c", "ba", "b");
            assertThat(keysOf(KeyRange.lessThan(utf8("ab")))).containsExactly("a");
            assertThat(keysOf(KeyRange.lessThan(utf8("abd")).reverse())).containsExactly("abc", "ab", "a");
        }

        @Test
        void emptyRanges() {
            fill();
            List<KeyRange> empty = List.of(
                    KeyRange.between("b", "b"),
                    KeyRange.between("c", "a"),
                    KeyRange.prefix("zz"),
                    KeyRange.prefix("abcd"),
                    KeyRange.atLeast(utf8("d")),
                    KeyRange.lessThan(utf8("a")));
            for (KeyRange range : empty) {
                assertThat(keysOf(range)).as("%s", range).isEmpty();
                assertThat(keysOf(range.reverse())).as("%s reverse", range).isEmpty();
            }
        }

        @Test
        void emptyDatabase() {
            open(SMALL);
            assertThat(keysOf(KeyRange.all())).isEmpty();
            assertThat(keysOf(KeyRange.all().reverse())).isEmpty();
        }

        @Test
        void keysCompareAsUnsignedBytes() {
            open(SMALL);
            for (int b : new int[] {0xFF, 0x80, 0x7F, 0x00, 0x01}) {
                db.put(bytes(b), bytes(b));
            }

            assertThat(hexKeysOf(KeyRange.all())).containsExactly("00", "01", "7f", "80", "ff");
            assertThat(hexKeysOf(KeyRange.between(bytes(0x7F), bytes(0xFF)))).containsExactly("7f", "80");
        }

        @Test
        void prefixOfFfBytesHasNoUpperBound() {
            open(SMALL);
            for (byte[] key : List.of(
                    bytes(0xFE),
                    bytes(0xFE, 0xFF),
                    bytes(0xFF),
                    bytes(0xFF, 0x00),
                    bytes(0xFF, 0xFF),
                    bytes(0xFF, 0xFF, 0x01))) {
                db.put(key, bytes(1));
            }

            assertThat(hexKeysOf(KeyRange.prefix(bytes(0xFF)))).containsExactly("ff", "ff00", "ffff", "ffff01");
            assertThat(hexKeysOf(KeyRange.prefix(bytes(0xFF, 0xFF)).reverse())).containsExactly("ffff01", "ffff");
            assertThat(hexKeysOf(KeyRange.prefix(bytes(0xFE)))).containsExactly("fe", "feff");
            assertThat(hexKeysOf(KeyRange.prefix(bytes(0xFF, 0xFF, 0xFF)))).isEmpty();
        }

        @Test
        void scanMergesMemtableAndTables() {
            open(SMALL);
            db.put("a", "1");
            db.put("b", "1");
            db.put("c", "1");
            db.flush();
            db.put("b", "2");
            db.delete("c");
            db.put("d", "2");

            assertThat(entriesOf(KeyRange.all()))
                    .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("d", "2"));
            assertThat(entriesOf(KeyRange.all().reverse()))
                    .containsExactly(Map.entry("d", "2"), Map.entry("b", "2"), Map.entry("a", "1"));
        }

        @Test
        void iteratorSeesTheDatabaseAsOfItsOpening() {
            fill();
            try (KvIterator it = db.scan(KeyRange.all())) {
                db.put("aa", "later");
                db.delete("c");
                db.flush();

                List<String> seen = new ArrayList<>();
                while (it.next()) {
                    seen.add(it.keyAsString());
                }
                assertThat(seen).containsExactlyElementsOf(KEYS);
            }
            assertThat(keysOf(KeyRange.all())).contains("aa").doesNotContain("c");
        }
    }

    @Nested
    class Persistence {

        @Test
        void reopenKeepsWritesAndDeletes() {
            open(SMALL);
            db.put("kept", "1");
            db.put("deleted", "1");
            db.flush();
            db.delete("deleted");
            db.put("only-in-log", "2");

            reopen(SMALL);

            assertThat(entriesOf(KeyRange.all()))
                    .containsExactly(Map.entry("kept", "1"), Map.entry("only-in-log", "2"));
        }

        @Test
        void flushAndCompactKeepData() {
            open(SMALL);
            TreeMap<String, String> expected = new TreeMap<>();
            for (int i = 0; i < 3000; i++) {
                String key = String.format("key%05d", i);
                String value = "value-" + i + "-" + "x".repeat(i % 50);
                db.put(key, value);
                expected.put(key, value);
            }
            db.flush();
            for (int i = 0; i < 3000; i += 3) {
                String key = String.format("key%05d", i);
                db.put(key, "overwritten-" + i);
                expected.put(key, "overwritten-" + i);
            }
            for (int i = 1; i < 3000; i += 5) {
                String key = String.format("key%05d", i);
                db.delete(key);
                expected.remove(key);
            }
            assertThat(db.stats().flushes())
                    .as("small write buffer forces several flushes")
                    .isGreaterThan(1);

            db.compact();
            assertThat(entriesOf(KeyRange.all())).containsExactlyElementsOf(expected.entrySet());

            reopen(SMALL);
            assertThat(entriesOf(KeyRange.all())).containsExactlyElementsOf(expected.entrySet());
            assertThat(db.get("key00001")).isNull();
            assertThat(db.get("key00003")).isEqualTo("overwritten-3");
        }

        /** What a caller measuring or backing up the directory right after a flush relies on. */
        @Test
        void flushReturnsOnlyOnceTheLogSegmentsItCoveredAreGone() throws IOException {
            open(SMALL.toBuilder().writeBufferSize(4 * 1024 * 1024).build());
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < 100; i++) {
                    db.put("k" + i, "round-" + round);
                }

                db.flush();

                assertThat(logSegments()).as("after flush %d", round).hasSize(1);
            }
        }

        private List<Path> logSegments() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".log"))
                        .toList();
            }
        }

        @Test
        void compactLeavesOneLevel() {
            open(SMALL);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 200; i++) {
                    db.put("k" + i, "round-" + round);
                }
                db.flush();
            }

            db.compact();

            List<LevelStats> populated =
                    db.stats().levels().stream().filter(l -> l.files() > 0).toList();
            assertThat(populated).hasSize(1);
            assertThat(populated.get(0).level()).isPositive();
            assertThat(db.get("k7")).isEqualTo("round-2");
        }
    }

    @Nested
    class Statistics {

        @Test
        void operationCountersMove() {
            open(SMALL);
            DbStats before = db.stats();

            db.put(utf8("a"), utf8("1"));
            db.put("b", "2");
            db.put("c", "3");
            db.write(WriteBatch.create().put("d", "4").put("e", "5").delete("a"));
            db.delete("b");
            db.get("c");
            db.get(utf8("missing"));
            db.exists("d");
            db.getBatch(List.of(utf8("c"), utf8("d"), utf8("zz")));
            keysOf(KeyRange.all());
            keysOf(KeyRange.prefix("c").reverse());

            DbStats after = db.stats();
            assertThat(after.puts() - before.puts()).as("puts").isEqualTo(5);
            assertThat(after.deletes() - before.deletes()).as("deletes").isEqualTo(2);
            assertThat(after.gets() - before.gets()).as("gets").isEqualTo(6);
            assertThat(after.scans() - before.scans()).as("scans").isEqualTo(2);
            assertThat(after.bytesWritten() - before.bytesWritten())
                    .as("bytesWritten")
                    .isGreaterThanOrEqualTo(10);
            assertThat(after.bytesRead()).as("bytesRead").isGreaterThan(before.bytesRead());
            assertThat(after.lastSequence()).as("lastSequence").isGreaterThan(before.lastSequence());
            assertThat(after.memtableBytes()).as("memtableBytes").isPositive();
            assertThat(after.walBytes()).as("walBytes").isGreaterThan(before.walBytes());
        }

        @Test
        void flushCreatesTablesAndCompactionIsCounted() {
            open(SMALL);
            db.put("a", "1");
            db.flush();

            DbStats flushed = db.stats();
            assertThat(flushed.flushes()).isGreaterThanOrEqualTo(1);
            assertThat(flushed.totalFiles()).isPositive();
            assertThat(flushed.totalTableBytes()).isPositive();
            assertThat(flushed.levels()).anyMatch(l -> l.files() > 0 && l.bytes() > 0);

            db.put("a", "2");
            db.put("b", "2");
            db.flush();
            db.compact();

            DbStats compacted = db.stats();
            assertThat(compacted.compactions()).isGreaterThanOrEqualTo(1);
            assertThat(compacted.compactionBytesRead()).isPositive();
            assertThat(compacted.compactionBytesWritten()).isPositive();
            assertThat(compacted.pendingCompactions()).isZero();
        }

        @Test
        void syncModeSyncsTheLog() {
            open(SMALL.toBuilder().walSyncMode(WalSyncMode.SYNC).build());
            long before = db.stats().walSyncs();

            db.put("k", "v");

            assertThat(db.stats().walSyncs()).isGreaterThan(before);
        }

        @Test
        void readsFromTablesGoThroughTheBlockCache() {
            LightningConfig cached = SMALL.toBuilder().cacheSize(1 << 20).build();
            open(cached);
            for (int i = 0; i < 500; i++) {
                db.put(String.format("key%04d", i), "value-" + i);
            }
            db.flush();
            reopen(cached);

            DbStats cold = db.stats();
            assertThat(db.get("key0250")).isEqualTo("value-250");
            DbStats afterFirstRead = db.stats();
            assertThat(afterFirstRead.cacheMisses())
                    .as("first read loads a block")
                    .isGreaterThan(cold.cacheMisses());
            assertThat(afterFirstRead.cacheBytes()).isPositive();

            assertThat(db.get("key0250")).isEqualTo("value-250");
            assertThat(db.stats().cacheHits())
                    .as("second read finds it cached")
                    .isGreaterThan(afterFirstRead.cacheHits());
        }
    }

    // ---- helpers

    private List<String> keysOf(KeyRange range) {
        return entriesOf(range).stream().map(Map.Entry::getKey).toList();
    }

    private List<Map.Entry<String, String>> entriesOf(KeyRange range) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        try (KvIterator it = db.scan(range)) {
            while (it.next()) {
                entries.add(Map.entry(it.keyAsString(), it.valueAsString()));
            }
        }
        return entries;
    }

    private List<String> hexKeysOf(KeyRange range) {
        List<String> keys = new ArrayList<>();
        try (KvIterator it = db.scan(range)) {
            while (it.next()) {
                keys.add(HexFormat.of().formatHex(it.key()));
            }
        }
        return keys;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
