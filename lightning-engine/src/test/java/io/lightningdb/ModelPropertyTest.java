package io.lightningdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Model-based tests: random sequences of operations run against the engine and against a {@link
 * TreeMap} ordered like the engine (unsigned bytes); every read must agree with the model.
 *
 * <p>Keys come from a small, skewed alphabet (with 0x00 and 0xFF) so that overwrites and deletes
 * hit live keys and many keys share prefixes. Configurations are tiny (KiB-sized memtables, blocks,
 * files and levels) so that a few hundred operations already flush, compact and build levels.
 *
 * <p>Operations are plain records interpreted by {@link Harness}, so jqwik shrinks a failure to a
 * short, readable sequence.
 */
class ModelPropertyTest {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;
    private static final byte[] LONG_PREFIX = "user/profile/0000000042/".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 250)
    void engineAgreesWithModel(@ForAll("configs") TestConfig config, @ForAll("shortRuns") List<Op> ops) {
        run(config, ops, false);
    }

    /**
     * Thousands of writes without explicit compactions: background compaction alone must push data
     * below level 1, and reads must stay right across every level.
     */
    @Property(tries = 3)
    void longRunsReachDeeperLevels(@ForAll("deepConfigs") TestConfig config, @ForAll("longRuns") List<Op> ops) {
        int deepest = run(config, ops, true);
        assertThat(deepest).as("deepest level holding files during the run").isGreaterThanOrEqualTo(2);
    }

    /** Runs {@code ops} in a fresh directory and returns the deepest level that held files. */
    private static int run(TestConfig config, List<Op> ops, boolean waitForCompactions) {
        Path dir = createTempDir();
        Harness h = new Harness(dir, config.toLightningConfig());
        try {
            for (Op op : ops) {
                op.apply(h);
                h.observeLevels();
            }
            h.checkEverything();
            if (waitForCompactions) {
                h.flushAndSettle();
            }
            h.reopen();
            h.checkEverything();
            return h.deepestLevel;
        } finally {
            h.closeQuietly();
            deleteRecursively(dir);
        }
    }

    // ---- generators

    @Provide
    Arbitrary<TestConfig> configs() {
        return Combinators.combine(
                        Arbitraries.integers().between(16, 32),
                        Arbitraries.of(256, 512, 1024),
                        Arbitraries.integers().between(2, 4),
                        Arbitraries.of(0, 64, 1024),
                        Arbitraries.frequency(
                                Tuple.of(3, WalSyncMode.NORMAL),
                                Tuple.of(2, WalSyncMode.ASYNC),
                                Tuple.of(1, WalSyncMode.SYNC)),
                        Arbitraries.of(0, 10),
                        Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)))
                .as(TestConfig::new);
    }

    @Provide
    Arbitrary<TestConfig> deepConfigs() {
        return Combinators.combine(
                        Arbitraries.integers().between(16, 32),
                        Arbitraries.of(256, 1024),
                        Arbitraries.integers().between(2, 4),
                        Arbitraries.of(64, 1024),
                        Arbitraries.just(WalSyncMode.NORMAL),
                        Arbitraries.just(10),
                        Arbitraries.just(true))
                .as(TestConfig::new);
    }

    @Provide
    Arbitrary<List<Op>> shortRuns() {
        Arbitrary<Key> keys = keys(3);
        Arbitrary<Val> values = values(1);
        return Arbitraries.<Op>frequencyOf(
                        Tuple.of(30, puts(keys, values)),
                        Tuple.of(8, deletes(keys)),
                        Tuple.of(6, batches(keys, values)),
                        Tuple.of(12, keys.map(Get::new)),
                        Tuple.of(4, keys.map(Exists::new)),
                        Tuple.of(4, keys.list().ofMaxSize(6).map(GetBatch::new)),
                        Tuple.of(8, scans(keys)),
                        Tuple.of(3, snapshotScans(keys, values)),
                        Tuple.of(3, Arbitraries.just(new Flush())),
                        Tuple.of(1, Arbitraries.just(new Compact())),
                        Tuple.of(2, Arbitraries.just(new Reopen())))
                .list()
                .ofMinSize(1)
                .ofMaxSize(300)
                // jqwik favours tiny lists by default; runs must be long enough to flush and compact.
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<Op>> longRuns() {
        Arbitrary<Key> keys = keys(4);
        Arbitrary<Val> values = values(3);
        return Arbitraries.<Op>frequencyOf(
                        Tuple.of(50, puts(keys, values)),
                        Tuple.of(8, deletes(keys)),
                        Tuple.of(6, batches(keys, values)),
                        Tuple.of(15, keys.map(Get::new)),
                        Tuple.of(2, keys.map(Exists::new)),
                        Tuple.of(2, keys.list().ofMaxSize(6).map(GetBatch::new)),
                        Tuple.of(1, scans(keys)),
                        Tuple.of(2, Arbitraries.just(new Flush())),
                        Tuple.of(1, Arbitraries.just(new Reopen())))
                .list()
                .ofMinSize(2000)
                .ofMaxSize(4000)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /**
     * Keys of 1..maxLength bytes, skewed toward 'a' so they collide and share prefixes; one in five
     * behind a long common prefix, which exercises the prefix compression of table blocks.
     */
    private static Arbitrary<Key> keys(int maxLength) {
        Arbitrary<Key> shortKeys = shortKeys(maxLength);
        return Arbitraries.frequencyOf(
                Tuple.of(4, shortKeys), Tuple.of(1, shortKeys.map(k -> new Key(concat(LONG_PREFIX, k.bytes())))));
    }

    private static Arbitrary<Key> shortKeys(int maxLength) {
        return Arbitraries.frequency(
                        Tuple.of(6, (byte) 'a'),
                        Tuple.of(4, (byte) 'b'),
                        Tuple.of(2, (byte) 'c'),
                        Tuple.of(1, (byte) 0x00),
                        Tuple.of(1, (byte) 0xFF))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxLength)
                .map(ModelPropertyTest::toKey);
    }

    /** Mostly small values, some empty, and 1-4 KiB ones ({@code largeWeight}) to fill memtables. */
    private static Arbitrary<Val> values(int largeWeight) {
        Arbitrary<Integer> lengths = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(6, Arbitraries.integers().between(1, 100)),
                Tuple.of(largeWeight, Arbitraries.integers().between(1024, 4096)));
        return Combinators.combine(lengths, Arbitraries.integers().between(0, 1_000_000))
                .as(Val::new);
    }

    private static Arbitrary<Write> puts(Arbitrary<Key> keys, Arbitrary<Val> values) {
        return Combinators.combine(keys, values).as(Put::new);
    }

    private static Arbitrary<Write> deletes(Arbitrary<Key> keys) {
        return keys.map(Delete::new);
    }

    private static Arbitrary<Op> batches(Arbitrary<Key> keys, Arbitrary<Val> values) {
        return Arbitraries.<Write>frequencyOf(Tuple.of(3, puts(keys, values)), Tuple.of(1, deletes(keys)))
                .list()
                .ofMaxSize(8)
                .map(Batch::new);
    }

    private static Arbitrary<Range> ranges(Arbitrary<Key> keys) {
        return Arbitraries.<Range>frequencyOf(
                Tuple.of(2, Arbitraries.just(new All())),
                Tuple.of(3, keys.map(Prefix::new)),
                Tuple.of(3, Combinators.combine(keys, keys).as(Between::new)),
                Tuple.of(1, keys.map(AtLeast::new)),
                Tuple.of(1, keys.map(LessThan::new)));
    }

    private static Arbitrary<Op> scans(Arbitrary<Key> keys) {
        return Combinators.combine(ranges(keys), Arbitraries.of(false, true)).as(Scan::new);
    }

    private static Arbitrary<Op> snapshotScans(Arbitrary<Key> keys, Arbitrary<Val> values) {
        Arbitrary<List<Write>> writes = Arbitraries.<Write>frequencyOf(
                        Tuple.of(3, puts(keys, values)), Tuple.of(2, deletes(keys)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
        return Combinators.combine(
                        ranges(keys),
                        Arbitraries.of(false, true),
                        Arbitraries.integers().between(0, 3),
                        writes,
                        Arbitraries.of(false, true))
                .as(SnapshotScan::new);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static Key toKey(List<Byte> bytes) {
        byte[] key = new byte[bytes.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = bytes.get(i);
        }
        return new Key(key);
    }

    // ---- the system under test and its model

    /** The engine, the model, and the checks that compare them. */
    private static final class Harness {
        final Path dir;
        final LightningConfig config;
        final TreeMap<byte[], byte[]> model = new TreeMap<>(UNSIGNED);
        LightningDb db;
        int deepestLevel = -1;

        Harness(Path dir, LightningConfig config) {
            this.dir = dir;
            this.config = config;
            this.db = LightningDb.open(dir, config);
        }

        void reopen() {
            db.close();
            db = LightningDb.open(dir, config);
        }

        void observeLevels() {
            for (LevelStats level : db.stats().levels()) {
                if (level.files() > 0) {
                    deepestLevel = Math.max(deepestLevel, level.level());
                }
            }
        }

        /** Waits for background compaction to settle; the bound is generous, nothing is asserted about time. */
        void flushAndSettle() {
            db.flush();
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> db.stats().pendingCompactions() == 0);
            observeLevels();
        }

        /** Full forward and reverse scans and a point read of every live key. */
        void checkEverything() {
            assertScan(new All(), false, scan(KeyRange.all()));
            assertScan(new All(), true, scan(KeyRange.all().reverse()));
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                assertThat(db.get(e.getKey())).as("get %s", show(e.getKey())).isEqualTo(e.getValue());
            }
        }

        List<Map.Entry<byte[], byte[]>> expectedScan(Range range, boolean reverse) {
            List<Map.Entry<byte[], byte[]>> expected = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                if (range.contains(e.getKey())) {
                    expected.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            if (reverse) {
                Collections.reverse(expected);
            }
            return expected;
        }

        List<Map.Entry<byte[], byte[]>> scan(KeyRange range) {
            try (KvIterator it = db.scan(range)) {
                return drain(it);
            }
        }

        void assertScan(Range range, boolean reverse, List<Map.Entry<byte[], byte[]>> actual) {
            assertSameEntries("scan " + range + (reverse ? " reverse" : ""), actual, expectedScan(range, reverse));
        }

        void closeQuietly() {
            try {
                db.close();
            } catch (RuntimeException ignored) {
                // The property already failed or passed; a failing close must not hide that result.
            }
        }
    }

    private static List<Map.Entry<byte[], byte[]>> drain(KvIterator it) {
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        while (it.next()) {
            entries.add(Map.entry(it.key(), it.value()));
        }
        return entries;
    }

    /** Compares readable renderings first (good failure messages), then the exact bytes. */
    private static void assertSameEntries(
            String what, List<Map.Entry<byte[], byte[]>> actual, List<Map.Entry<byte[], byte[]>> expected) {
        assertThat(render(actual)).as(what).isEqualTo(render(expected));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).getValue())
                    .as("%s: value of %s", what, show(expected.get(i).getKey()))
                    .isEqualTo(expected.get(i).getValue());
        }
    }

    private static List<String> render(List<Map.Entry<byte[], byte[]>> entries) {
        return entries.stream()
                .map(e -> show(e.getKey()) + "=" + e.getValue().length + "#"
                        + Integer.toHexString(Arrays.hashCode(e.getValue())))
                .toList();
    }

    // ---- operations

    /** Settings of one try; a record so that jqwik reports it readably. */
    record TestConfig(
            int writeBufferKib,
            int blockSize,
            int levelMultiplier,
            int cacheKib,
            WalSyncMode syncMode,
            int bloomBitsPerKey,
            boolean backgroundCompaction) {

        LightningConfig toLightningConfig() {
            return LightningConfig.builder()
                    .writeBufferSize(writeBufferKib * 1024L)
                    .blockSize(blockSize)
                    .targetFileSize(16 * 1024)
                    .levelBaseSize(32 * 1024)
                    .levelSizeMultiplier(levelMultiplier)
                    .cacheSize(cacheKib * 1024L)
                    .walSyncMode(syncMode)
                    .walSyncInterval(Duration.ofMillis(10))
                    .walSegmentSize(64 * 1024)
                    .bloomBitsPerKey(bloomBitsPerKey)
                    .backgroundCompaction(backgroundCompaction)
                    .build();
        }
    }

    /** A key; a record wrapper so that equality and printing work on contents. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return show(bytes);
        }
    }

    /** A value described by length and seed, so that large values print and shrink compactly. */
    record Val(int length, int seed) {
        byte[] bytes() {
            byte[] value = new byte[length];
            new SplittableRandom(seed).nextBytes(value);
            return value;
        }

        @Override
        public String toString() {
            return "v" + length + "/" + seed;
        }
    }

    sealed interface Op {
        void apply(Harness h);
    }

    /** A put or a delete, alone or inside a batch. */
    sealed interface Write extends Op {
        void addTo(WriteBatch batch);

        void applyToModel(TreeMap<byte[], byte[]> model);
    }

    record Put(Key key, Val value) implements Write {
        @Override
        public void apply(Harness h) {
            h.db.put(key.bytes(), value.bytes());
            applyToModel(h.model);
        }

        @Override
        public void addTo(WriteBatch batch) {
            batch.put(key.bytes(), value.bytes());
        }

        @Override
        public void applyToModel(TreeMap<byte[], byte[]> model) {
            model.put(key.bytes(), value.bytes());
        }
    }

    record Delete(Key key) implements Write {
        @Override
        public void apply(Harness h) {
            boolean existed = h.model.containsKey(key.bytes());
            assertThat(h.db.delete(key.bytes())).as("delete %s returns", key).isEqualTo(existed);
            applyToModel(h.model);
        }

        @Override
        public void addTo(WriteBatch batch) {
            batch.delete(key.bytes());
        }

        @Override
        public void applyToModel(TreeMap<byte[], byte[]> model) {
            model.remove(key.bytes());
        }
    }

    record Batch(List<Write> writes) implements Op {
        @Override
        public void apply(Harness h) {
            WriteBatch batch = WriteBatch.create();
            writes.forEach(w -> w.addTo(batch));
            h.db.write(batch);
            writes.forEach(w -> w.applyToModel(h.model));
        }
    }

    record Get(Key key) implements Op {
        @Override
        public void apply(Harness h) {
            assertThat(h.db.get(key.bytes())).as("get %s", key).isEqualTo(h.model.get(key.bytes()));
        }
    }

    record Exists(Key key) implements Op {
        @Override
        public void apply(Harness h) {
            assertThat(h.db.exists(key.bytes())).as("exists %s", key).isEqualTo(h.model.containsKey(key.bytes()));
        }
    }

    record GetBatch(List<Key> keys) implements Op {
        @Override
        public void apply(Harness h) {
            List<byte[]> actual = h.db.getBatch(keys.stream().map(Key::bytes).toList());
            assertThat(actual).as("getBatch %s size", keys).hasSize(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                assertThat(actual.get(i))
                        .as("getBatch %s at %d", keys, i)
                        .isEqualTo(h.model.get(keys.get(i).bytes()));
            }
        }
    }

    record Scan(Range range, boolean reverse) implements Op {
        @Override
        public void apply(Harness h) {
            KeyRange keyRange = reverse ? range.toKeyRange().reverse() : range.toKeyRange();
            h.assertScan(range, reverse, h.scan(keyRange));
        }
    }

    /**
     * Opens a scan, reads {@code readFirst} entries, then writes (and maybe flushes) before reading
     * the rest: the iterator must still show the database as it was when the scan began.
     */
    record SnapshotScan(Range range, boolean reverse, int readFirst, List<Write> writes, boolean flush) implements Op {
        @Override
        public void apply(Harness h) {
            List<Map.Entry<byte[], byte[]>> expected = h.expectedScan(range, reverse);
            List<Map.Entry<byte[], byte[]>> actual = new ArrayList<>();
            KeyRange keyRange = reverse ? range.toKeyRange().reverse() : range.toKeyRange();
            try (KvIterator it = h.db.scan(keyRange)) {
                for (int i = 0; i < readFirst && it.next(); i++) {
                    actual.add(Map.entry(it.key(), it.value()));
                }
                writes.forEach(w -> w.apply(h));
                if (flush) {
                    h.db.flush();
                }
                actual.addAll(drain(it));
            }
            assertSameEntries("snapshot scan " + range + (reverse ? " reverse" : ""), actual, expected);
        }
    }

    record Flush() implements Op {
        @Override
        public void apply(Harness h) {
            h.db.flush();
        }
    }

    record Compact() implements Op {
        @Override
        public void apply(Harness h) {
            h.db.compact();
        }
    }

    record Reopen() implements Op {
        @Override
        public void apply(Harness h) {
            h.reopen();
        }
    }

    // ---- ranges, each with its own membership test so the model does not trust KeyRange

    sealed interface Range {
        KeyRange toKeyRange();

        boolean contains(byte[] key);
    }

    record All() implements Range {
        @Override
        public KeyRange toKeyRange() {
            return KeyRange.all();
        }

        @Override
        public boolean contains(byte[] key) {
            return true;
        }
    }

    record Prefix(Key prefix) implements Range {
        @Override
        public KeyRange toKeyRange() {
            return KeyRange.prefix(prefix.bytes());
        }

        @Override
        public boolean contains(byte[] key) {
            byte[] p = prefix.bytes();
            return key.length >= p.length && Arrays.equals(key, 0, p.length, p, 0, p.length);
        }
    }

    record Between(Key from, Key to) implements Range {
        @Override
        public KeyRange toKeyRange() {
            return KeyRange.between(from.bytes(), to.bytes());
        }

        @Override
        public boolean contains(byte[] key) {
            return UNSIGNED.compare(key, from.bytes()) >= 0 && UNSIGNED.compare(key, to.bytes()) < 0;
        }
    }

    record AtLeast(Key from) implements Range {
        @Override
        public KeyRange toKeyRange() {
            return KeyRange.atLeast(from.bytes());
        }

        @Override
        public boolean contains(byte[] key) {
            return UNSIGNED.compare(key, from.bytes()) >= 0;
        }
    }

    record LessThan(Key to) implements Range {
        @Override
        public KeyRange toKeyRange() {
            return KeyRange.lessThan(to.bytes());
        }

        @Override
        public boolean contains(byte[] key) {
            return UNSIGNED.compare(key, to.bytes()) < 0;
        }
    }

    // ---- helpers

    /** Printable ASCII as is, other bytes as \xHH. */
    static String show(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x21 && c <= 0x7E && c != '"' && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02X", c));
            }
        }
        return s.append('"').toString();
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("lightning-model-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
