package io.lightningdb.internal.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The memtable's arena and tree against what {@link MemTableTest} leaves out: entries from empty to
 * larger than an arena chunk (entries that fill a chunk to its last byte, that do not fit what is
 * left of one and start the next, that get a chunk of their own), binary keys of one byte to a
 * kilobyte, inserts in every order (ascending ones land in the previous insert's leaf and start new
 * leaves at the end, descending and random ones descend from the root and split leaves in half),
 * {@code addAll} batches of every shape, full scans and seeks to absent keys racing the writer while
 * it splits leaves and inner nodes and opens chunks under them, and the memory the memtable
 * reports. Every check is against a model of all versions, or against the writer's precomputed
 * schedule. A time limit turns a hang (a reader retrying forever, a writer waiting on a reader that
 * died) into a failure, not a hung build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemTableModelTest {
    private static final Clock NOW = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static final int CHUNK = Arena.CHUNK_SIZE;
    private static final int KIB = 1024;

    /** Every version of every key: internal key → stored value, null for a deletion. */
    private final TreeMap<byte[], byte[]> model = new TreeMap<>(InternalKey.COMPARATOR);

    private final MemTable mem = new MemTable(1);
    private long sequence;

    enum Order {
        RANDOM,
        ASCENDING,
        DESCENDING
    }

    // ---------------------------------------------------------------- entries of every size

    /**
     * Entries from an empty value to larger than an arena chunk, with binary keys of one byte to a
     * kilobyte (the one-byte ones prefixes of many others), loaded in random, ascending or
     * descending order, then deleted and rewritten at random. Chunk boundaries fall between
     * neighbours of every size: an entry that fills a chunk to its last byte, one that does not fit
     * the rest of a chunk and starts the next, one larger than a chunk that gets a chunk of its own.
     * Ascending loads put every entry in the previous insert's leaf when it covers the key, so a
     * wrong answer from that check would list entries out of order. Point reads at several
     * sequences, full scans both ways and seeks both ways must match the model.
     */
    @ParameterizedTest
    @EnumSource(Order.class)
    void entriesOfEverySizeInEveryOrder(Order order) {
        SplittableRandom random = new SplittableRandom(101 + order.ordinal());
        List<byte[]> keys = inOrder(distinctKeys(random, 1_500), order, random);
        for (byte[] key : keys) {
            put(key, value(random, key.length));
        }
        assertMatchesModel(random);

        for (int i = 0; i < 1_000; i++) { // deletions and new versions, of present keys and new ones
            int r = random.nextInt(10);
            byte[] key = r < 8 ? keys.get(random.nextInt(keys.size())) : randomKey(random);
            if (r % 3 == 0) {
                delete(key);
            } else {
                put(key, value(random, key.length));
            }
        }
        assertMatchesModel(random);
    }

    /**
     * Hundreds of versions of one key, of every size from empty to larger than a chunk, among
     * neighbours that sort right before and after it ({@code ho}, {@code hos}, {@code hot\0},
     * {@code hotel}, {@code hou…}). The versions spread over many chunks; a read at an old sequence
     * finds the index's newest version too new and must descend to the version it may see and never
     * stop on a neighbour, and seeks between versions must step across them in order. {@link
     * MemTableTest} covers many small versions of a key with no neighbours.
     */
    @Test
    void versionsOfEverySizeOfOneKeyAmongCloseNeighbours() {
        SplittableRandom random = new SplittableRandom(103);
        byte[] hot = bytes("hot");
        String[] neighbours = {"ho", "hos", "hot\0", "hotel"};
        for (int i = 0; i < 400; i++) {
            int r = random.nextInt(12);
            if (r == 0) {
                delete(hot);
            } else if (r < 3) {
                byte[] neighbour = bytes(
                        random.nextBoolean()
                                ? neighbours[random.nextInt(neighbours.length)]
                                : "hou" + random.nextInt(50));
                put(neighbour, value(random, neighbour.length));
            } else {
                put(hot, value(random, hot.length));
            }
        }
        assertMatchesModel(random);
    }

    // ---------------------------------------------------------------- batches

    /**
     * {@code addAll} puts a window of entries into the tree before it indexes any of them, so a
     * later entry of a window may be a newer version of an earlier one the index has not heard of
     * yet. Batches of 500 (several windows) into a memtable that already holds many keys: at random
     * over the key space with a third of the keys new, a few keys each repeated many times, one
     * narrow range of new keys in ascending order (each in the leaf of the one before) or in
     * descending order (each a descent from the root), and values up to 100 KiB among small ones.
     * After each batch every key it wrote reads its newest version; at the end every version reads
     * at every sequence, and scans and seeks match the model.
     */
    @Test
    void batchesOfEveryShapeReadLikeTheModel() {
        SplittableRandom random = new SplittableRandom(202);
        List<byte[]> pool = distinctKeys(random, 15_000, 4, 24);
        for (int i = 0; i < 10_000; i++) {
            put(pool.get(i), smallValue(random));
        }
        int ranges = 0;
        for (int b = 0; b < 40; b++) {
            List<Mutation> batch = new ArrayList<>();
            switch (b % 5) {
                case 0, 1 -> { // anywhere, a third of the keys new
                    for (int i = 0; i < 500; i++) {
                        batch.add(mutation(random, pool.get(random.nextInt(pool.size())), false));
                    }
                }
                case 2 -> { // a few keys, each many times over
                    List<byte[]> hot = new ArrayList<>();
                    for (int i = 0; i < 1 + random.nextInt(30); i++) {
                        hot.add(pool.get(random.nextInt(pool.size())));
                    }
                    for (int i = 0; i < 500; i++) {
                        batch.add(mutation(random, hot.get(random.nextInt(hot.size())), false));
                    }
                }
                case 3 -> { // one narrow range of new keys, descending or ascending
                    byte[] prefix = concat(pool.get(random.nextInt(pool.size())), new byte[] {(byte) ranges++});
                    boolean descending = b % 2 == 1;
                    for (int i = 0; i < 500; i++) {
                        int n = descending ? 500 - i : i;
                        batch.add(mutation(random, concat(prefix, bytes(String.format("%04d", n))), false));
                    }
                }
                default -> { // large values in among small ones
                    for (int i = 0; i < 500; i++) {
                        batch.add(mutation(random, pool.get(random.nextInt(pool.size())), true));
                    }
                }
            }
            apply(batch);
            for (Mutation m : batch) {
                assertGet(m.key(), sequence);
            }
        }
        assertThat(mem.entryCount()).isEqualTo(model.size()).isEqualTo((int) sequence);
        assertMatchesModel(random);
    }

    // ---------------------------------------------------------------- racing readers

    /**
     * A scan racing the writer must see every entry at or below its sequence exactly once, in order,
     * while leaves split under it. Full scans, forward and reverse in turn, race a writer that
     * inserts all over the key space (with deletions, values up to 20 KiB and a few larger than a
     * chunk) and appends ascending keys at the end, opening chunks and publishing a new chunk table
     * as it goes: a forward scan copies a leaf and follows its link to the next while leaves behind
     * and ahead of it split, and a reverse scan finds each leaf's predecessor with a fresh descent
     * through inner nodes the writer is splitting. Each scan must be strictly ordered (so no entry twice),
     * and its entries at or below the published sequence must be exactly those the writer had
     * written: sequence {@code s} wrote key {@code keyAt[s - 1]}, so there are exactly {@code
     * visible} of them, each with its own value. The writer pauses now and then until a new scan has
     * begun, so that scans overlap the writes throughout.
     */
    @Test
    void scansRacingTheWriterSeeEveryVisibleEntryOnceInOrder() throws Exception {
        int writes = 40_000;
        int randomKeys = 6_000;
        Schedule schedule = new Schedule(writes, randomKeys, 307);
        byte[][] keyBytes = new byte[schedule.keys][];
        for (int k = 0; k < schedule.keys; k++) { // in key order: the ascending ones after the others
            String length = "~".repeat(k % 37 == 0 ? 900 : k % 37);
            keyBytes[k] = bytes((k < randomKeys ? "" : "t") + String.format("%06d", k) + length);
        }
        AtomicLong published = new AtomicLong();
        AtomicLong scans = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                int finalScans = 0;
                for (int round = 0; failure.get() == null && finalScans < 3; round++) {
                    long visible = published.get();
                    scans.incrementAndGet();
                    String problem = round % 3 == 2
                            ? checkReaderScan(visible, schedule, keyBytes)
                            : checkScan(
                                    round % 3 == 0 ? Direction.FORWARD : Direction.REVERSE,
                                    visible,
                                    schedule,
                                    keyBytes);
                    if (problem != null) {
                        failure.compareAndSet(null, problem);
                    }
                    if (visible == writes) {
                        finalScans++;
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, stackTrace(t));
            }
        });
        reader.start();
        SplittableRandom pace = new SplittableRandom(311);
        int pauseAt = 1 + pace.nextInt(1_000);
        for (int s = 1; s <= writes && failure.get() == null; s++) {
            int type = schedule.typeAt[s - 1];
            byte[] stored = type == ValueType.DELETION ? null : valueFor(s, schedule.sizeAt[s - 1]);
            mem.add(s, type, keyBytes[schedule.keyAt[s - 1]], stored);
            published.set(s); // every sequence up to s is in
            if (s == pauseAt) {
                long started = scans.get();
                while (scans.get() == started && failure.get() == null && reader.isAlive()) {
                    Thread.onSpinWait();
                }
                pauseAt = s + 1 + pace.nextInt(1_000);
            }
        }
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(mem.entryCount()).isEqualTo(writes);
    }

    /**
     * Seeks to keys the memtable never holds (odd numbers; the writer writes even ones, in {@code
     * addAll} batches), forward and reverse, racing the writer: the hash index rules such a key out,
     * so every seek descends the tree while leaves and inner nodes split under it, and half of them
     * go right by the keys the writer is appending in ascending order at the end. {@link MemTableTest} covers seeks to held keys, which the index answers. Skipping
     * versions above its sequence, a forward seek must land on the newest visible version of the
     * next key that has one, and a reverse seek on the oldest version of the previous key that has
     * a visible one.
     */
    @Test
    void seeksToAbsentKeysRacingTheWriterLandOnTheNextVisibleKey() throws Exception {
        int writes = 60_000;
        Schedule schedule = new Schedule(writes, 5_000, 401); // key k as the even number 2k + 2
        int keys = schedule.keys;
        AtomicLong published = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                SplittableRandom random = new SplittableRandom(409);
                boolean last = false;
                while (failure.get() == null && !last) {
                    long visible = published.get();
                    last = visible == writes;
                    for (int i = 0; i < (last ? 2_000 : 1) && failure.get() == null; i++) {
                        int j = random.nextBoolean() // between keys j - 1 and j
                                ? random.nextInt(keys + 1)
                                : schedule.ascendingAfter[(int) visible] - random.nextInt(3); // by the appends
                        long at = random.nextBoolean() ? visible : InternalKey.MAX_SEQUENCE;
                        byte[] target = InternalKey.seekKey(numberKey(2 * j + 1), at);
                        String problem = checkAbsentSeek(j, target, visible, schedule);
                        if (problem != null) {
                            failure.compareAndSet(null, problem);
                        }
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, stackTrace(t));
            }
        });
        reader.start();
        SplittableRandom sizes = new SplittableRandom(419);
        for (int first = 1; first <= writes && failure.get() == null; ) {
            int size = Math.min(writes - first + 1, 1 + sizes.nextInt(300));
            Mutation[] batch = new Mutation[size];
            for (int s = first; s < first + size; s++) {
                byte[] key = numberKey(2 * schedule.keyAt[s - 1] + 2);
                batch[s - first] = schedule.typeAt[s - 1] == ValueType.DELETION
                        ? Mutation.delete(key)
                        : Mutation.put(key, valueFor(s, schedule.sizeAt[s - 1]));
            }
            mem.addAll(first, batch);
            first += size;
            published.set(first - 1); // as the engine publishes a group's last sequence after applying it
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }

    // ---------------------------------------------------------------- memory

    /**
     * The write path switches to a fresh memtable once {@code approximateBytes} reaches the write
     * buffer size, whose smallest allowed setting is 4 KiB: an empty memtable (the arena's empty
     * entry, the tree's first leaf and the index's initial table) and one holding a single small entry must report well below
     * that, or a memtable just switched to would already count as full.
     */
    @Test
    void emptyMemTableReportsFarLessThanTheSmallestWriteBuffer() {
        assertThat(mem.isEmpty()).isTrue();
        assertThat(mem.entryCount()).isZero();
        assertThat(mem.approximateBytes()).isPositive().isLessThan(4096);
        mem.add(1, ValueType.VALUE, bytes("a"), bytes("b"));
        assertThat(mem.isEmpty()).isFalse();
        assertThat(mem.entryCount()).isOne();
        assertThat(mem.approximateBytes()).isLessThan(4096);
    }

    /** How large entries are, for the memory test. */
    enum EntrySizes {
        /** 16-byte keys and no value: the entry's header and the tree's slots weigh most. */
        EMPTY_VALUES,
        SMALL,
        /** Keys of one byte to a kilobyte, values from empty to larger than a chunk. */
        MIXED,
        LARGE,
        /** Values from just over half a chunk to over two chunks: most entries start a chunk. */
        AROUND_A_CHUNK
    }

    /**
     * The memtable is flushed when {@code approximateBytes} reaches the write buffer size, so it must
     * never undercount the entries (at least their raw bytes: user key, 8-byte trailer, value, and 8
     * bytes for the key and value lengths), never shrink as entries come in, and not overcount
     * wildly: under twice the raw bytes, plus what the empty memtable reports, plus 32 bytes per
     * entry for the hash index (at most four 8-byte slots per key, as it doubles when half full).
     * Beyond the raw bytes an entry takes a slot in a leaf (an address and a probe, in leaves at
     * least half full), which weighs most on entries with empty values and least on values around
     * and above a chunk's size.
     */
    @ParameterizedTest
    @EnumSource(EntrySizes.class)
    void approximateBytesCoversTheEntriesAndNotMuchMore(EntrySizes sizes) {
        SplittableRandom random = new SplittableRandom(503 + sizes.ordinal());
        int count = switch (sizes) {
            case EMPTY_VALUES, SMALL -> 20_000;
            case MIXED -> 1_500;
            case LARGE -> 200;
            case AROUND_A_CHUNK -> 12;
        };
        List<byte[]> keys =
                sizes == EntrySizes.MIXED ? distinctKeys(random, count) : distinctKeys(random, count, 16, 16);
        long empty = mem.approximateBytes();
        long raw = 0;
        long before = empty;
        for (byte[] key : keys) {
            byte[] value = switch (sizes) {
                case EMPTY_VALUES -> new byte[0];
                case SMALL -> new byte[100];
                case MIXED -> value(random, key.length);
                case LARGE -> new byte[20 * KIB];
                case AROUND_A_CHUNK -> new byte[aroundAChunk(random, key.length)];
            };
            put(key, value);
            raw += rawSize(key, value.length);
            long after = mem.approximateBytes();
            if (after < before || after < raw) {
                fail(
                        "after %d entries (%d raw bytes): %d bytes, and %d before the last",
                        mem.entryCount(), raw, after, before);
            }
            before = after;
        }
        assertThat(mem.approximateBytes())
                .as("%d %s entries of %d raw bytes in all", count, sizes, raw)
                .isGreaterThan(empty)
                .isGreaterThanOrEqualTo(raw)
                .isLessThan(2 * raw + empty + 32L * count);
    }

    // ---------------------------------------------------------------- checks against the model

    private void assertMatchesModel(SplittableRandom random) {
        assertThat(mem.entryCount()).isEqualTo(model.size());
        assertPointReads(random);
        assertScan(Direction.FORWARD);
        assertScan(Direction.REVERSE);
        assertSeeks(random, 3_000);
        for (long at : new long[] {0, 1 + random.nextLong(sequence), sequence, InternalKey.MAX_SEQUENCE}) {
            assertReaderScan(at, null);
            for (int i = 0; i < 200; i++) {
                assertReaderScan(at, InternalKey.seekKey(randomKey(random), 1 + random.nextLong(sequence)));
            }
        }
    }

    /**
     * A forward iterator for a reader at {@code at}, from {@code target} (null: the start), yields
     * the model's entries in order less some older versions, and leaves out only versions below a
     * newer one at or below {@code at}: the reader takes each key's newest version up to {@code at}
     * and never looks at those. Over a whole scan at the latest sequence, it leaves most of them out.
     */
    private void assertReaderScan(long at, byte[] target) {
        NavigableMap<byte[], byte[]> expected = target == null ? model : model.tailMap(target, true);
        InternalIterator it = mem.iterator(Direction.FORWARD, target, at);
        String what = "forward scan for a reader at " + at + (target == null ? "" : " from " + describe(target));
        byte[] decided = null; // user key of the last entry at or below at: its older versions may be left out
        int leftOut = 0;
        int olderVersions = 0;
        for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
            byte[] ikey = e.getKey();
            boolean hidden = decided != null && InternalKey.sameUserKey(decided, ikey);
            olderVersions += hidden ? 1 : 0;
            if (it.valid() && Arrays.equals(it.key(), ikey)) {
                if (e.getValue() != null && !Arrays.equals(it.value(), e.getValue())) {
                    fail("%s: %s holds %s", what, describe(ikey), describeValue(it.value()));
                }
                it.next();
            } else if (hidden) {
                leftOut++;
            } else {
                fail(
                        "%s: left out %s, yielded %s instead",
                        what, describe(ikey), it.valid() ? describe(it.key()) : "the end");
            }
            if (!hidden && InternalKey.sequence(ikey) <= at) {
                decided = ikey;
            }
        }
        if (it.valid()) {
            fail("%s: yielded %s after the model's last entry", what, describe(it.key()));
        }
        if (target == null && at >= sequence && olderVersions > 100) {
            assertThat(leftOut).as(what + ": older versions left out").isGreaterThan(olderVersions / 2);
        }
    }

    /** Each key read at 0, at each of its versions and just below, at the latest and a random sequence. */
    private void assertPointReads(SplittableRandom random) {
        byte[] user = null;
        List<Long> at = new ArrayList<>();
        for (byte[] ikey : model.keySet()) {
            if (user != null && !Arrays.equals(ikey, 0, ikey.length - InternalKey.TRAILER_SIZE, user, 0, user.length)) {
                assertGets(user, at, random);
                at.clear();
            }
            user = InternalKey.userKey(ikey);
            long s = InternalKey.sequence(ikey);
            at.add(s);
            at.add(s - 1);
        }
        if (user != null) {
            assertGets(user, at, random);
        }
        for (int i = 0; i < 200; i++) { // keys the memtable may not hold
            assertGet(randomKey(random), sequence);
        }
    }

    private void assertGets(byte[] user, List<Long> at, SplittableRandom random) {
        at.add(0L);
        at.add(sequence);
        at.add(InternalKey.MAX_SEQUENCE);
        at.add(1 + random.nextLong(sequence));
        for (long s : at) {
            assertGet(user, s);
        }
    }

    private void assertGet(byte[] userKey, long at) {
        Map.Entry<byte[], byte[]> e = model.ceilingEntry(InternalKey.seekKey(userKey, at));
        byte[] actual = mem.get(userKey, at, NOW);
        String what = "get " + describeUser(userKey) + " at " + at;
        if (e == null || !Arrays.equals(InternalKey.userKey(e.getKey()), userKey)) {
            if (actual != null) {
                fail("%s: expected nothing, read %s", what, describeValue(actual));
            }
        } else if (InternalKey.type(e.getKey()) == ValueType.DELETION) {
            if (actual != Lookup.DELETED) {
                fail("%s: expected the deletion %s, read %s", what, describe(e.getKey()), describeValue(actual));
            }
        } else if (!Arrays.equals(actual, e.getValue())) {
            fail(
                    "%s: expected %s = %s, read %s",
                    what, describe(e.getKey()), describeValue(e.getValue()), describeValue(actual));
        }
    }

    /** Every version of every key, in order, with its value. */
    private void assertScan(Direction direction) {
        NavigableMap<byte[], byte[]> expected = direction == Direction.FORWARD ? model : model.descendingMap();
        assertEntries(direction + " scan", mem.iterator(direction, null), expected, Integer.MAX_VALUE);
    }

    /**
     * Seeks to existing internal keys, to user keys at the newest, a random and the lowest sequence,
     * just after and before user keys, and to random keys; each iterator must then step through the
     * next few entries of the model, across neighbouring keys and chunks.
     */
    private void assertSeeks(SplittableRandom random, int count) {
        List<byte[]> entries = new ArrayList<>(model.keySet());
        for (int i = 0; i < count; i++) {
            byte[] ikey = entries.get(random.nextInt(entries.size()));
            byte[] user = InternalKey.userKey(ikey);
            long at = 1 + random.nextLong(sequence);
            byte[] target = switch (random.nextInt(7)) {
                case 0 -> ikey;
                case 1 -> InternalKey.seekKey(user, InternalKey.MAX_SEQUENCE);
                case 2 -> InternalKey.seekKey(user, at);
                case 3 -> InternalKey.seekKey(user, 0);
                case 4 -> InternalKey.seekKey(concat(user, new byte[1]), at);
                case 5 -> InternalKey.seekKey(Arrays.copyOf(user, user.length - 1), at);
                default -> InternalKey.seekKey(randomKey(random), at);
            };
            assertEntries(
                    "forward seek to " + describe(target),
                    mem.iterator(Direction.FORWARD, target),
                    model.tailMap(target, true),
                    8);
            assertEntries(
                    "reverse seek to " + describe(target),
                    mem.iterator(Direction.REVERSE, target),
                    model.headMap(target, true).descendingMap(),
                    8);
        }
    }

    /** The iterator's first {@code limit} entries must be the model's, in the same order. */
    private static void assertEntries(String what, InternalIterator it, NavigableMap<byte[], byte[]> model, int limit) {
        Iterator<Map.Entry<byte[], byte[]>> expected = model.entrySet().iterator();
        int n = 0;
        for (; n < limit && it.valid(); it.next(), n++) {
            byte[] key = it.key();
            if (!Arrays.equals(it.keySlice().toArray(), key)) {
                fail(
                        "%s: entry %d is %s, but its key in place is %s",
                        what, n, describe(key), describe(it.keySlice().toArray()));
            }
            if (!expected.hasNext()) {
                fail("%s: entry %d is %s, expected the end", what, n, describe(key));
            }
            Map.Entry<byte[], byte[]> e = expected.next();
            if (!Arrays.equals(key, e.getKey())) {
                fail("%s: entry %d is %s, expected %s", what, n, describe(key), describe(e.getKey()));
            }
            if (e.getValue() != null && !Arrays.equals(it.value(), e.getValue())) {
                fail(
                        "%s: entry %d %s holds %s, expected %s",
                        what, n, describe(key), describeValue(it.value()), describeValue(e.getValue()));
            }
        }
        if (n < limit && expected.hasNext()) {
            fail(
                    "%s: ended after %d entries, expected %s next",
                    what, n, describe(expected.next().getKey()));
        }
    }

    // ---------------------------------------------------------------- checks of the racing readers

    /**
     * The writer's precomputed schedule: sequence {@code s} writes key number {@code keyAt[s - 1]}
     * with type {@code typeAt[s - 1]} and a value of {@code sizeAt[s - 1]} bytes ({@link #valueFor}).
     * Three writes in four go to a random one of the first {@code randomKeys} keys, inserting
     * anywhere; the others write the next of the keys after them, in ascending order, so they append
     * at the end (where a reverse scan starts). Values are mostly under 64 bytes, some
     * of 1–4 KiB and 20 KiB, and two in ten thousand larger than a chunk.
     */
    private static final class Schedule {
        final int[] keyAt;
        final int[] typeAt;
        final int[] sizeAt;
        final int keys; // key numbers are 0 to keys - 1, in key order
        final int[] ascendingAfter; // per number of writes done, the next key of the ascending ones
        final long[] firstAt; // per key, the sequence of its first version, or Long.MAX_VALUE
        final long[][] versions; // per key, its sequences ascending

        Schedule(int writes, int randomKeys, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            keyAt = new int[writes];
            typeAt = new int[writes];
            sizeAt = new int[writes];
            ascendingAfter = new int[writes + 1];
            int next = randomKeys;
            ascendingAfter[0] = next;
            for (int i = 0; i < writes; i++) {
                keyAt[i] = random.nextInt(4) == 0 ? next++ : random.nextInt(randomKeys);
                ascendingAfter[i + 1] = next;
            }
            keys = next;
            int[] counts = new int[keys];
            for (int i = 0; i < writes; i++) {
                counts[keyAt[i]]++;
                typeAt[i] = random.nextInt(10) == 0 ? ValueType.DELETION : ValueType.VALUE;
                int r = random.nextInt(10_000);
                sizeAt[i] = r < 2
                        ? CHUNK + 1 + random.nextInt(CHUNK)
                        : r < 30 ? 20 * KIB : r < 300 ? 1 + random.nextInt(4 * KIB) : random.nextInt(64);
            }
            versions = new long[keys][];
            firstAt = new long[keys];
            for (int k = 0; k < keys; k++) {
                versions[k] = new long[counts[k]];
                counts[k] = 0;
            }
            for (int i = 0; i < writes; i++) {
                versions[keyAt[i]][counts[keyAt[i]]++] = i + 1;
            }
            for (int k = 0; k < keys; k++) {
                firstAt[k] = versions[k].length == 0 ? Long.MAX_VALUE : versions[k][0];
            }
        }
    }

    /** Null if a whole scan at {@code visible} agrees with the schedule, else what went wrong. */
    private String checkScan(Direction direction, long visible, Schedule schedule, byte[][] keyBytes) {
        InternalIterator it = mem.iterator(direction, null);
        byte[] previous = null;
        long seen = 0;
        for (; it.valid(); it.next()) {
            byte[] ikey = it.key();
            if (previous != null) {
                int c = InternalKey.compare(previous, ikey);
                if (direction == Direction.FORWARD ? c >= 0 : c <= 0) {
                    return direction + " scan at " + visible + ": " + describe(ikey) + " after " + describe(previous);
                }
            }
            previous = ikey;
            long s = InternalKey.sequence(ikey);
            if (s < 1 || s > schedule.keyAt.length) {
                return direction + " scan at " + visible + ": unknown entry " + describe(ikey);
            }
            byte[] expectedKey = keyBytes[schedule.keyAt[(int) s - 1]];
            if (!Arrays.equals(ikey, 0, ikey.length - InternalKey.TRAILER_SIZE, expectedKey, 0, expectedKey.length)
                    || InternalKey.type(ikey) != schedule.typeAt[(int) s - 1]) {
                return direction + " scan at " + visible + ": " + describe(ikey) + " is not what sequence " + s
                        + " wrote";
            }
            if (s <= visible) {
                seen++;
                if (InternalKey.type(ikey) != ValueType.DELETION
                        && !isValueFor(it.value(), s, schedule.sizeAt[(int) s - 1])) {
                    return direction + " scan at " + visible + ": " + describe(ikey) + " holds "
                            + describeValue(it.value());
                }
            }
        }
        return seen == visible
                ? null
                : direction + " scan at " + visible + " saw " + seen + " entries at or below it, expected " + visible;
    }

    /**
     * Null if a forward scan for a reader at {@code visible} yields, for every key with a version at
     * or below it, that key's newest such version first, in key order, each entry what its
     * sequence wrote; older versions after it may be left out, never another key's.
     */
    private String checkReaderScan(long visible, Schedule schedule, byte[][] keyBytes) {
        InternalIterator it = mem.iterator(Direction.FORWARD, null, visible);
        String what = "scan for a reader at " + visible;
        byte[] previous = null;
        int lastDecided = -1;
        long decided = 0;
        for (; it.valid(); it.next()) {
            byte[] ikey = it.key();
            if (previous != null && InternalKey.compare(previous, ikey) >= 0) {
                return what + ": " + describe(ikey) + " after " + describe(previous);
            }
            previous = ikey;
            long s = InternalKey.sequence(ikey);
            if (s < 1 || s > schedule.keyAt.length) {
                return what + ": unknown entry " + describe(ikey);
            }
            int k = schedule.keyAt[(int) s - 1];
            if (!Arrays.equals(ikey, 0, ikey.length - InternalKey.TRAILER_SIZE, keyBytes[k], 0, keyBytes[k].length)) {
                return what + ": " + describe(ikey) + " is not what sequence " + s + " wrote";
            }
            if (s > visible || k == lastDecided) {
                continue; // too new for the reader, or an older version it may be shown
            }
            long[] versions = schedule.versions[k];
            int at = Arrays.binarySearch(versions, visible);
            long newest = versions[at >= 0 ? at : -at - 2];
            if (s != newest) {
                return what + ": the first version of " + describe(ikey) + " at or below it is " + s + ", not "
                        + newest;
            }
            if (InternalKey.type(ikey) != ValueType.DELETION
                    && !isValueFor(it.value(), s, schedule.sizeAt[(int) s - 1])) {
                return what + ": " + describe(ikey) + " holds " + describeValue(it.value());
            }
            lastDecided = k;
            decided++;
        }
        long expected = Arrays.stream(schedule.firstAt)
                .filter(first -> first <= visible)
                .count();
        return decided == expected
                ? null
                : what + " found " + decided + " keys with a version at or below it, expected " + expected;
    }

    /** Null if both seeks to the absent odd key {@code 2j + 1} land where the schedule says, else what went wrong. */
    private String checkAbsentSeek(int j, byte[] target, long visible, Schedule schedule) {
        int written = schedule.ascendingAfter[(int) visible]; // no key from here on has a visible version
        // forward: the first key k >= j with a visible version, at its newest visible version
        int k = j;
        while (k < written && schedule.firstAt[k] > visible) {
            k++;
        }
        String expected = null;
        if (k < written) {
            long[] versions = schedule.versions[k];
            int at = Arrays.binarySearch(versions, visible);
            expected = describeNumber(2 * k + 2, versions[at >= 0 ? at : -at - 2]);
        }
        String landed = landing(mem.iterator(Direction.FORWARD, target), visible, schedule);
        if (!String.valueOf(expected).equals(landed)) {
            return "forward seek to " + describe(target) + " at " + visible + " landed on " + landed + ", expected "
                    + expected;
        }
        // reverse: the last key k < j with a visible version, at its oldest version
        k = j - 1;
        while (k >= 0 && schedule.firstAt[k] > visible) {
            k--;
        }
        expected = k >= 0 ? describeNumber(2 * k + 2, schedule.firstAt[k]) : null;
        landed = landing(mem.iterator(Direction.REVERSE, target), visible, schedule);
        if (!String.valueOf(expected).equals(landed)) {
            return "reverse seek to " + describe(target) + " at " + visible + " landed on " + landed + ", expected "
                    + expected;
        }
        return null;
    }

    /** Where an iterator lands skipping versions above {@code visible}: "number@sequence", or "null". */
    private static String landing(InternalIterator it, long visible, Schedule schedule) {
        while (it.valid() && InternalKey.sequence(it.key()) > visible) {
            it.next();
        }
        if (!it.valid()) {
            return "null";
        }
        byte[] ikey = it.key();
        long s = InternalKey.sequence(ikey);
        String at = new String(InternalKey.userKey(ikey), StandardCharsets.UTF_8) + "@" + s;
        if (s < 1 || s > schedule.keyAt.length) {
            return at + " (unknown sequence)";
        }
        if (InternalKey.type(ikey) != schedule.typeAt[(int) s - 1]) {
            return at + " (type " + InternalKey.type(ikey) + ")";
        }
        if (InternalKey.type(ikey) != ValueType.DELETION && !isValueFor(it.value(), s, schedule.sizeAt[(int) s - 1])) {
            return at + " (holding " + describeValue(it.value()) + ")";
        }
        return at;
    }

    private static String describeNumber(int number, long sequence) {
        return new String(numberKey(number), StandardCharsets.UTF_8) + "@" + sequence;
    }

    // ---------------------------------------------------------------- writing

    private void put(byte[] key, byte[] value) {
        sequence++;
        mem.add(sequence, ValueType.VALUE, key, value);
        model.put(InternalKey.encode(key, sequence, ValueType.VALUE), value);
    }

    private void delete(byte[] key) {
        sequence++;
        mem.add(sequence, ValueType.DELETION, key, null);
        model.put(InternalKey.encode(key, sequence, ValueType.DELETION), null);
    }

    /** Adds the batch with {@code addAll} at the next sequences, and to the model. */
    private void apply(List<Mutation> batch) {
        long first = sequence + 1;
        for (Mutation m : batch) {
            sequence++;
            model.put(InternalKey.encode(m.key(), sequence, m.type()), m.isDelete() ? null : m.stored());
        }
        mem.addAll(first, batch.toArray(new Mutation[0]));
    }

    /**
     * A deletion one time in ten, else a put: of a small value, or (in a batch of large values, one
     * in eight) 20 KiB, one in a hundred 100 KiB, and otherwise up to 4 KiB.
     */
    private static Mutation mutation(SplittableRandom random, byte[] key, boolean large) {
        if (random.nextInt(10) == 0) {
            return Mutation.delete(key);
        }
        if (!large) {
            return Mutation.put(key, smallValue(random));
        }
        int r = random.nextInt(800);
        byte[] value = new byte[r < 8 ? 100 * KIB : r < 108 ? 20 * KIB : random.nextInt(4 * KIB + 1)];
        random.nextBytes(value);
        return Mutation.put(key, value);
    }

    // ---------------------------------------------------------------- keys and values

    /** {@code count} distinct random keys of one byte to a kilobyte, in no particular order. */
    private static List<byte[]> distinctKeys(SplittableRandom random, int count) {
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        while (keys.size() < count) {
            keys.add(randomKey(random));
        }
        List<byte[]> list = new ArrayList<>(keys);
        Collections.shuffle(list, new java.util.Random(random.nextLong()));
        return list;
    }

    /** {@code count} distinct random keys of {@code min} to {@code max} bytes, in no particular order. */
    private static List<byte[]> distinctKeys(SplittableRandom random, int count, int min, int max) {
        TreeSet<byte[]> keys = new TreeSet<>(Arrays::compareUnsigned);
        while (keys.size() < count) {
            byte[] key = new byte[min + random.nextInt(max - min + 1)];
            random.nextBytes(key);
            keys.add(key);
        }
        List<byte[]> list = new ArrayList<>(keys);
        Collections.shuffle(list, new java.util.Random(random.nextLong()));
        return list;
    }

    private static List<byte[]> inOrder(List<byte[]> keys, Order order, SplittableRandom random) {
        List<byte[]> list = new ArrayList<>(keys);
        switch (order) {
            case RANDOM -> Collections.shuffle(list, new java.util.Random(random.nextLong()));
            case ASCENDING -> list.sort(Arrays::compareUnsigned);
            case DESCENDING -> list.sort((a, b) -> Arrays.compareUnsigned(b, a));
        }
        return list;
    }

    /** A key of one byte (often), a few bytes, a few hundred bytes, or a kilobyte; any byte values. */
    private static byte[] randomKey(SplittableRandom random) {
        int r = random.nextInt(20);
        int length = r < 2
                ? 1
                : r < 10
                        ? 2 + random.nextInt(15)
                        : r < 17 ? 17 + random.nextInt(184) : r < 19 ? 201 + random.nextInt(823) : 1024;
        byte[] key = new byte[length];
        random.nextBytes(key);
        return key;
    }

    /**
     * A value of 0 bytes, about 100, up to 4 KiB, 4 to 16 KiB, 20 KiB, 100 KiB, or (one in two
     * hundred) {@linkplain #aroundAChunk around an arena chunk}.
     */
    private static byte[] value(SplittableRandom random, int keyLength) {
        int r = random.nextInt(400);
        int length;
        if (r < 80) {
            length = 0;
        } else if (r < 220) {
            length = 90 + random.nextInt(21);
        } else if (r < 300) {
            length = 1 + random.nextInt(4 * KIB);
        } else if (r < 360) {
            length = 4 * KIB + random.nextInt(12 * KIB + 1);
        } else if (r < 394) {
            length = 20 * KIB;
        } else if (r < 398) {
            length = 100 * KIB;
        } else {
            length = aroundAChunk(random, keyLength);
        }
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    /**
     * A value length that makes the entry of a key of {@code keyLength} bytes fill an arena chunk to
     * its last byte or one or two bytes short of it, or be just under or over a chunk, just over half
     * a chunk (so the next such entry does not fit after it), or over two chunks (a chunk of its own).
     */
    private static int aroundAChunk(SplittableRandom random, int keyLength) {
        int r = random.nextInt(8);
        return switch (r) {
            case 0, 1, 2 -> CHUNK - Arena.HEADER - keyLength - InternalKey.TRAILER_SIZE - r;
            case 3 -> CHUNK - 1;
            case 4 -> CHUNK;
            case 5 -> CHUNK + 1;
            case 6 -> CHUNK / 2 + 1;
            default -> 2 * CHUNK + 1;
        };
    }

    private static byte[] smallValue(SplittableRandom random) {
        byte[] value = new byte[random.nextInt(150)];
        random.nextBytes(value);
        return value;
    }

    /** The bytes an entry holds at the least: user key, trailer, value, and 8 bytes for the two lengths. */
    private static int rawSize(byte[] userKey, int valueLength) {
        return userKey.length + InternalKey.TRAILER_SIZE + valueLength + 8;
    }

    /** The value sequence {@code s} of a schedule writes: {@code size} bytes derived from {@code s}. */
    private static byte[] valueFor(long s, int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = valueByte(s, i);
        }
        return value;
    }

    private static boolean isValueFor(byte[] value, long s, int size) {
        if (value.length != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (value[i] != valueByte(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static byte valueByte(long s, int i) {
        return (byte) (s * 7 + (s >>> 8) * 3 + i * 13 + (i >>> 8));
    }

    private static byte[] numberKey(int n) {
        return bytes(String.format("key%08d", n));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- describing

    /** An internal key as its user key's length and first bytes, sequence and type. */
    private static String describe(byte[] ikey) {
        return describeUser(InternalKey.userKey(ikey)) + "@" + InternalKey.sequence(ikey) + "/"
                + InternalKey.type(ikey);
    }

    private static String describeUser(byte[] user) {
        StringBuilder b = new StringBuilder("[" + user.length + ":");
        for (int i = 0; i < Math.min(user.length, 12); i++) {
            b.append(String.format("%02x", user[i] & 0xFF));
        }
        return b.append(user.length > 12 ? "…]" : "]").toString();
    }

    private static String describeValue(byte[] value) {
        if (value == null) {
            return "nothing";
        }
        if (value == Lookup.DELETED) {
            return "DELETED";
        }
        return value.length + " bytes (hash " + Arrays.hashCode(value) + ")";
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
