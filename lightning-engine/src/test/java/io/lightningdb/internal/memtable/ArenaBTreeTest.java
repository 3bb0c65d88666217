package io.lightningdb.internal.memtable;

import static io.lightningdb.internal.memtable.MemTableModelTest.bytes;
import static io.lightningdb.internal.memtable.MemTableModelTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.memtable.MemTableModelTest.Order;
import io.lightningdb.internal.util.Coding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tree's own operations against a {@link TreeSet} of internal keys: cursors in both directions,
 * seeks of all four kinds to present and absent keys, in trees of one leaf up to three levels of
 * inner nodes, filled in every order; keys that probes cannot tell apart (long shared prefixes,
 * keys that are prefixes of others, zero bytes); a reader racing a writer that splits leaves and
 * inner nodes under it; through the tree's test seams, every state a split publishes and readers
 * whose leaf splits between their descent and their read; readers meeting nodes caught mid-change;
 * and the sequence lock itself.
 * {@link MemTableModelTest} covers the same through the memtable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ArenaBTreeTest {
    private static final byte[] VALUE = {1, 2, 3};

    private ArenaBTree tree = new ArenaBTree(); // tests that use the tree's seams replace it
    private final TreeSet<byte[]> model = new TreeSet<>(InternalKey.COMPARATOR);
    private final List<byte[]> inserted = new ArrayList<>(); // the model's keys in insertion order
    private long sequence;

    @ParameterizedTest
    @EnumSource(Order.class)
    void treesOfEverySizeMatchTheModel(Order order) {
        SplittableRandom random = new SplittableRandom(11 + order.ordinal());
        int[] sizes = {0, 1, 63, 64, 65, 4_000, 200_000}; // 200k: three levels of inner nodes
        int inserted = 0;
        List<byte[]> keys = numberedKeys(sizes[sizes.length - 1], order, random);
        for (int size : sizes) {
            while (inserted < size) {
                insert(keys.get(inserted++));
            }
            assertMatchesModel(random, Math.min(size + 10, 3_000));
        }
    }

    /**
     * Versions of a few thousand keys (some whose probes tie with their neighbours': a shared
     * prefix longer than a probe, a key that is another's prefix) arriving at random, so that leaves
     * split between a key's versions. A slot marked as an older version must follow a version of the
     * same user key in key order (a scan passes it unread on that word); inside a leaf every older
     * version that follows its newer one must be marked (else scans load it for nothing); and the
     * marks must leave out no more than the versions at leaf boundaries.
     */
    @Test
    void olderVersionMarksNameExactlyTheVersionsThatFollowANewerOne() {
        SplittableRandom random = new SplittableRandom(23);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(bytes(i % 3 == 0 ? "k" + i : i % 3 == 1 ? "same-prefix-longer-than-a-probe/" + i : "p" + i % 100));
        }
        for (int i = 0; i < 40_000; i++) {
            insert(keys.get(random.nextInt(random.nextInt(10) == 0 ? keys.size() : 300))); // a hot few and the rest
        }
        List<Leaf> leaves = new ArrayList<>();
        collect(tree.root(), leaves, new ArrayList<>());
        byte[] previous = null;
        int marked = 0;
        int olderVersions = 0;
        for (Leaf leaf = leaves.get(0); leaf != null; leaf = leaf.next) {
            for (int i = 0; i < leaf.count; i++) {
                byte[] key = tree.arena.key(leaf.entries[i]);
                boolean older = previous != null && InternalKey.sameUserKey(previous, key);
                if (leaf.olderVersions[i]) {
                    assertThat(older)
                            .as("slot %d of a leaf marked, but it follows another key", i)
                            .isTrue();
                    marked++;
                } else if (i > 0) {
                    assertThat(older)
                            .as("slot %d of a leaf is an older version, unmarked", i)
                            .isFalse();
                }
                olderVersions += older ? 1 : 0;
                previous = key;
            }
        }
        assertThat(olderVersions).isGreaterThan(30_000);
        assertThat(marked).isGreaterThanOrEqualTo(olderVersions - leaves.size());
        assertMatchesModel(random, 1_000);
    }

    @Test
    void keysProbesCannotTellApart() {
        SplittableRandom random = new SplittableRandom(12);
        byte[] shared = new byte[40];
        Arrays.fill(shared, (byte) 'p');
        for (int i = 0; i < 3_000; i++) {
            byte[] key;
            switch (random.nextInt(4)) {
                case 0 -> key = concat(shared, bytes(Integer.toString(random.nextInt(500)))); // long shared prefix
                case 1 -> key = Arrays.copyOf(shared, random.nextInt(shared.length + 1)); // prefixes
                case 2 -> key = new byte[random.nextInt(6)]; // zero bytes, and the empty key
                default -> {
                    key = new byte[1 + random.nextInt(8)];
                    random.nextBytes(key);
                }
            }
            insert(key); // repeated keys get new versions: several versions of a key sort newest first
        }
        assertMatchesModel(random, 3_000);
    }

    /**
     * A reader racing the writer: every key inserted before a scan starts is seen, once, in order,
     * forward and reverse, while the writer splits leaves and inner nodes around it; seeks to keys
     * the writer never inserts land next to their neighbours among the keys inserted before. The
     * writer pauses after each burst until the reader has begun a new scan, so scans overlap the
     * writes throughout.
     */
    @Test
    void readersRacingSplitsSeeEverythingInsertedBefore() throws Exception {
        int total = 40_000;
        int burst = 1_000;
        List<byte[]> keys = numberedKeys(total, Order.RANDOM, new SplittableRandom(13));
        byte[][] published = new byte[total][];
        AtomicInteger visible = new AtomicInteger();
        AtomicInteger scansBegun = new AtomicInteger();
        AtomicBoolean readerDone = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                tree.insert(keys.get(i), (i + 1L) << 8 | ValueType.VALUE, VALUE);
                published[i] = internalKey(keys.get(i), i + 1);
                visible.set(i + 1); // the volatile store publishes the insert and the array slot
                if ((i + 1) % burst == 0) {
                    int begun = scansBegun.get();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (scansBegun.get() == begun && !readerDone.get() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
            }
        });
        writer.start();
        SplittableRandom random = new SplittableRandom(14);
        try {
            int scans = 0;
            while (writer.isAlive()) {
                int seen = visible.get();
                TreeSet<byte[]> before = new TreeSet<>(InternalKey.COMPARATOR);
                for (int i = 0; i < seen; i++) {
                    before.add(published[i]);
                }
                scansBegun.incrementAndGet();
                boolean forward = scans++ % 2 == 0;
                assertOrderedAndContains(scan(forward), before, forward);
                for (int s = 0; s < 100 && !before.isEmpty(); s++) {
                    assertSeeksAgree(absentKey(random), before);
                }
            }
            assertThat(scans).isGreaterThan(10);
        } finally {
            readerDone.set(true); // a failed check must not leave the writer waiting for scans
            writer.join();
        }
        for (byte[] k : published) {
            model.add(k);
        }
        assertThat(scan(true)).containsExactlyElementsOf(model);
        assertThat(scan(false)).containsExactlyElementsOf(model.descendingSet());
    }

    /** The sequence lock itself: a version seen before a change never validates after it. */
    @Test
    void aVersionSeenBeforeAChangeNeverValidatesAfterIt() throws Exception {
        Leaf node = new Leaf(tree, null, null);
        int before = node.stableVersion();
        assertThat(before % 2).isZero();
        assertThat(node.unchanged(before)).isTrue();
        node.beginWrite();
        assertThat(node.unchanged(before)).isFalse();
        node.endWrite();
        assertThat(node.unchanged(before)).isFalse();
        int after = assertTimeoutPreemptively(Duration.ofSeconds(5), node::stableVersion);
        assertThat(after).isNotEqualTo(before);
        assertThat(after % 2).isZero();
        assertThat(node.unchanged(after)).isTrue();
    }

    /**
     * Readers must never act on a node caught mid-change. Another thread keeps taking leaves and
     * inner nodes through a change that leaves them wrong while it lasts (a leaf's slots reversed,
     * an inner node's first and last children swapped) and then puts them back; scans both ways
     * and seeks of all four kinds must still match the model exactly, as they wait or retry.
     */
    @Test
    void readersNeverUseANodeCaughtMidChange() throws Exception {
        SplittableRandom random = new SplittableRandom(15);
        for (byte[] key : numberedKeys(3_000, Order.RANDOM, random)) {
            insert(key);
        }
        List<Leaf> leaves = new ArrayList<>();
        List<Inner> inners = new ArrayList<>();
        collect(tree.root(), leaves, inners);
        assertThat(inners).isNotEmpty();
        AtomicBoolean stop = new AtomicBoolean();
        Thread meddler = new Thread(() -> {
            SplittableRandom r = new SplittableRandom(16);
            while (!stop.get()) {
                if (r.nextInt(4) == 0) {
                    Inner inner = inners.get(r.nextInt(inners.size()));
                    inner.beginWrite();
                    swap(inner.children, 0, inner.count);
                    Thread.onSpinWait();
                    swap(inner.children, 0, inner.count);
                    inner.endWrite();
                } else {
                    Leaf leaf = leaves.get(r.nextInt(leaves.size()));
                    leaf.beginWrite();
                    reverse(leaf.entries, leaf.count);
                    Thread.onSpinWait();
                    reverse(leaf.entries, leaf.count);
                    leaf.endWrite();
                }
            }
        });
        meddler.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                assertMatchesModel(random, 300);
            }
        } finally {
            stop.set(true);
            meddler.join();
        }
    }

    /**
     * Each state the writer publishes, one at a time, and so each state between the steps of a split
     * (a new right node linked into its parent, a parent split, a new root, a leaf shrunk and linked
     * to its new neighbour): scans both ways and seeks of all four kinds must find every entry
     * inserted before, once and in order. The entry being inserted may or may not be there yet.
     */
    @ParameterizedTest
    @EnumSource(Order.class)
    void everyStateTheWriterPublishesHoldsEveryEntry(Order order) {
        SplittableRandom random = new SplittableRandom(17 + order.ordinal());
        byte[][] inFlight = new byte[1][];
        AtomicInteger states = new AtomicInteger();
        tree = new ArenaBTree() {
            @Override
            void published() {
                states.incrementAndGet();
                assertReadersFindEveryEntry(random, inFlight[0]);
            }
        };
        int n = 4_200; // enough for inner nodes to split in every order
        for (byte[] key : numberedKeys(n, order, random)) {
            inFlight[0] = internalKey(key, sequence + 1);
            insert(key);
        }
        List<Inner> inners = new ArrayList<>();
        collect(tree.root(), new ArrayList<>(), inners);
        assertThat(inners.size()).as("inner nodes, so some split").isGreaterThan(2);
        assertThat(states.get()).isGreaterThan(n);
    }

    /**
     * A reader routed to a leaf that splits before it reads it (a concurrent writer's rare timing,
     * made certain here through the tree's seam) must move right to find its answer: seeks of all
     * four kinds and the last entry must match the model, which holds the keys the split brought.
     */
    @ParameterizedTest
    @EnumSource(Order.class)
    void readersRoutedToALeafThatSplitsBeforeTheyReadItMoveRight(Order order) {
        SplittableRandom random = new SplittableRandom(19 + order.ordinal());
        boolean[] armed = {false};
        tree = new ArenaBTree() {
            @Override
            void routed(VersionedNode child) {
                if (armed[0] && child instanceof Leaf leaf) {
                    armed[0] = false;
                    splitByInserting(leaf, random);
                }
            }
        };
        for (byte[] key : numberedKeys(3_000, order, random)) {
            insert(key);
        }
        for (int i = 0; i < 400; i++) {
            byte[] target = random.nextBoolean() ? pick(random) : absentKey(random);
            int kind = i % 5;
            armed[0] = true;
            byte[] found = switch (kind) {
                case 0 -> keyAt(forwardCursor(target, false));
                case 1 -> keyAt(forwardCursor(target, true));
                case 2 -> keyAt(backwardCursor(target, false));
                case 3 -> keyAt(backwardCursor(target, true));
                default -> scan(false).get(0);
            };
            assertThat(armed[0]).as("the leaf split under the reader").isFalse();
            byte[] expected = switch (kind) {
                case 0 -> model.ceiling(target);
                case 1 -> model.higher(target);
                case 2 -> model.floor(target);
                case 3 -> model.lower(target);
                default -> model.last();
            };
            assertThat(found)
                    .as("kind %d, target %s", kind, Arrays.toString(target))
                    .isEqualTo(expected);
        }
    }

    /** Inserts keys into the leaf's range (just after its own keys) until it splits. */
    private void splitByInserting(Leaf leaf, SplittableRandom random) {
        Leaf next = leaf.next;
        for (int attempts = 0; leaf.next == next && attempts < 10 * Leaf.CAPACITY; attempts++) {
            byte[] near = tree.arena.key(leaf.entries[random.nextInt(leaf.count)]);
            insert(concat(userKey(near), new byte[] {(byte) random.nextInt(256)}));
        }
        assertThat(leaf.next).as("the leaf split").isNotSameAs(next);
    }

    private byte[] pick(SplittableRandom random) {
        return inserted.get(random.nextInt(inserted.size()));
    }

    /** Scans both ways and seeks must find every entry of the model once, in order; {@code inFlight} may appear. */
    private void assertReadersFindEveryEntry(SplittableRandom random, byte[] inFlight) {
        for (boolean forward : new boolean[] {true, false}) {
            List<byte[]> scanned = scan(forward);
            scanned.removeIf(k -> inFlight != null && Arrays.equals(k, inFlight));
            Iterator<byte[]> expected = (forward ? model : model.descendingSet()).iterator();
            for (byte[] key : scanned) { // by hand: this runs for thousands of states
                if (!expected.hasNext() || !Arrays.equals(key, expected.next())) {
                    assertThat(scanned).containsExactlyElementsOf(forward ? model : model.descendingSet());
                }
            }
            assertThat(expected.hasNext())
                    .as("an entry the %s scan missed", forward ? "forward" : "backward")
                    .isFalse();
        }
        if (model.isEmpty()) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            byte[] target = random.nextBoolean() ? pick(random) : absentKey(random);
            assertNear(keyAt(forwardCursor(target, false)), model.ceiling(target), inFlight, target, true);
            assertNear(keyAt(forwardCursor(target, true)), model.higher(target), inFlight, target, true);
            assertNear(keyAt(backwardCursor(target, false)), model.floor(target), inFlight, target, false);
            assertNear(keyAt(backwardCursor(target, true)), model.lower(target), inFlight, target, false);
        }
    }

    /** The model's answer, or the in-flight key if it lies between the target and that answer. */
    private static void assertNear(byte[] found, byte[] expected, byte[] inFlight, byte[] target, boolean forward) {
        if (found != null && inFlight != null && Arrays.equals(found, inFlight)) {
            int sign = forward ? 1 : -1;
            assertThat(sign * InternalKey.compare(inFlight, target)).isGreaterThanOrEqualTo(0);
            if (expected != null) {
                assertThat(sign * InternalKey.compare(inFlight, expected)).isLessThan(0);
            }
            return;
        }
        assertThat(found).isEqualTo(expected);
    }

    private static void collect(VersionedNode node, List<Leaf> leaves, List<Inner> inners) {
        if (node instanceof Inner inner) {
            inners.add(inner);
            for (int i = 0; i <= inner.count; i++) {
                collect(inner.children[i], leaves, inners);
            }
        } else {
            leaves.add((Leaf) node);
        }
    }

    private static void swap(Object[] a, int i, int j) {
        Object t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void reverse(long[] a, int n) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    // ---------------------------------------------------------------- checks

    private void assertMatchesModel(SplittableRandom random, int seeks) {
        assertThat(tree.size()).isEqualTo(model.size());
        assertThat(scan(true)).containsExactlyElementsOf(model);
        assertThat(scan(false)).containsExactlyElementsOf(model.descendingSet());
        List<byte[]> all = new ArrayList<>(model);
        for (int i = 0; i < seeks; i++) {
            byte[] target;
            if (!all.isEmpty() && random.nextBoolean()) {
                target = all.get(random.nextInt(all.size())); // an entry's own key
            } else if (!all.isEmpty() && random.nextBoolean()) { // between versions of a present key
                byte[] k = all.get(random.nextInt(all.size()));
                target = internalKey(userKey(k), random.nextLong(sequence + 2));
            } else {
                target = absentKey(random);
            }
            assertSeeksMatch(target, model);
        }
    }

    private void assertSeeksMatch(byte[] target, TreeSet<byte[]> expected) {
        assertThat(keyAt(forwardCursor(target, false))).as("ceiling").isEqualTo(expected.ceiling(target));
        assertThat(keyAt(forwardCursor(target, true))).as("higher").isEqualTo(expected.higher(target));
        assertThat(keyAt(backwardCursor(target, false))).as("floor").isEqualTo(expected.floor(target));
        assertThat(keyAt(backwardCursor(target, true))).as("lower").isEqualTo(expected.lower(target));
    }

    /** Racing the writer: the answer may be a key inserted since, but nothing before it is skipped. */
    private void assertSeeksAgree(byte[] target, TreeSet<byte[]> before) {
        byte[] ceiling = keyAt(forwardCursor(target, false));
        byte[] expectedCeiling = before.ceiling(target);
        if (expectedCeiling != null) {
            assertThat(ceiling).isNotNull();
            assertThat(InternalKey.compare(ceiling, expectedCeiling)).isLessThanOrEqualTo(0);
        }
        if (ceiling != null) {
            assertThat(InternalKey.compare(ceiling, target)).isGreaterThanOrEqualTo(0);
        }
        byte[] floor = keyAt(backwardCursor(target, false));
        byte[] expectedFloor = before.floor(target);
        if (expectedFloor != null) {
            assertThat(floor).isNotNull();
            assertThat(InternalKey.compare(floor, expectedFloor)).isGreaterThanOrEqualTo(0);
        }
        if (floor != null) {
            assertThat(InternalKey.compare(floor, target)).isLessThanOrEqualTo(0);
        }
    }

    private static void assertOrderedAndContains(List<byte[]> scanned, TreeSet<byte[]> before, boolean forward) {
        for (int i = 1; i < scanned.size(); i++) {
            int cmp = InternalKey.compare(scanned.get(i - 1), scanned.get(i));
            assertThat(forward ? cmp < 0 : cmp > 0)
                    .as("strictly ordered at %d", i)
                    .isTrue();
        }
        TreeSet<byte[]> seen = new TreeSet<>(InternalKey.COMPARATOR);
        seen.addAll(scanned);
        assertThat(seen.containsAll(before))
                .as("every key inserted before the scan")
                .isTrue();
    }

    // ---------------------------------------------------------------- cursors

    private List<byte[]> scan(boolean forward) {
        Cursor cursor = new Cursor(tree);
        if (forward) {
            cursor.seekToFirst();
        } else {
            cursor.seekToLast();
        }
        List<byte[]> keys = new ArrayList<>();
        while (cursor.valid()) {
            keys.add(tree.arena.key(cursor.address()));
            // (plus one: an insert under way may show before the tree counts it)
            assertThat(keys.size()).as("a scan that never ends").isLessThanOrEqualTo(tree.size() + 1);
            if (forward) {
                cursor.next();
            } else {
                cursor.previous();
            }
        }
        return keys;
    }

    private Cursor forwardCursor(byte[] target, boolean strictly) {
        Cursor cursor = new Cursor(tree);
        int userLength = target.length - InternalKey.TRAILER_SIZE;
        cursor.seekForward(target, userLength, Coding.getLong(target, userLength), strictly);
        return cursor;
    }

    private Cursor backwardCursor(byte[] target, boolean strictly) {
        Cursor cursor = new Cursor(tree);
        int userLength = target.length - InternalKey.TRAILER_SIZE;
        cursor.seekBackward(target, userLength, Coding.getLong(target, userLength), strictly);
        return cursor;
    }

    private byte[] keyAt(Cursor cursor) {
        return cursor.valid() ? tree.arena.key(cursor.address()) : null;
    }

    // ---------------------------------------------------------------- keys

    private void insert(byte[] userKey) {
        long s = ++sequence;
        tree.insert(userKey, s << 8 | ValueType.VALUE, VALUE);
        model.add(internalKey(userKey, s));
        inserted.add(internalKey(userKey, s));
    }

    private static byte[] internalKey(byte[] userKey, long sequence) {
        return InternalKey.encode(userKey, sequence, ValueType.VALUE);
    }

    private static byte[] userKey(byte[] internalKey) {
        return InternalKey.userKey(internalKey);
    }

    /** Even numbers as 12-digit keys with a shared prefix, so probes start after it. */
    private static List<byte[]> numberedKeys(int n, Order order, SplittableRandom random) {
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(bytes(String.format("key%012d", 2L * i)));
        }
        if (order == Order.DESCENDING) {
            Collections.reverse(keys);
        } else if (order == Order.RANDOM) {
            Collections.shuffle(keys, new Random(random.nextLong()));
        }
        return keys;
    }

    /** An odd number (never inserted) or a key outside the numbered range, at any sequence. */
    private byte[] absentKey(SplittableRandom random) {
        String key = switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "zzz";
            case 2 -> "key";
            default -> String.format("key%012d", 2L * random.nextInt(250_000) + 1);
        };
        return internalKey(bytes(key), random.nextLong(1, 1L << 40));
    }
}
