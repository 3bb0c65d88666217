package io.lightningdb.internal.memtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.Lookup;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.key.ValueType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The memtable against a model of every version of every key: point reads at every sequence (which
 * exercise the hash index of newest versions and its fall-back to the tree), scans in both
 * directions, inserts in key order (into the previous insert's leaf) and at random, and a reader racing the
 * writer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemTableTest {
    private static final Clock NOW = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    /** key → (sequence → value, null for a deletion) */
    private final Map<String, TreeMap<Long, byte[]>> model = new TreeMap<>();

    private final MemTable mem = new MemTable(1);
    private long sequence;

    @Test
    void arenaChunksAreNeverHumongousForG1() {
        // G1 regions are at least 1 MiB; an array of half a region or more gets whole regions to itself
        assertThat(Arena.CHUNK_SIZE + 16).isLessThan(512 * 1024);
    }

    @Test
    void randomVersionsReadAtEverySequence() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 30_000; i++) { // several times the index's initial size: it grows
            String key = key(random.nextInt(5_000));
            if (random.nextInt(8) == 0) {
                delete(key);
            } else {
                put(key, value(random));
            }
        }
        assertPointReadsMatchModel(random);
        assertScansMatchModel();
        assertSeeksMatchModel(random);
    }

    @Test
    void keysInOrderAndThenOutOfOrder() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            put(key(2 * i), value(random)); // in order: each insert lands in the previous one's leaf
        }
        for (int i = 0; i < 5_000; i++) {
            put(key(2 * random.nextInt(20_000) + 1), value(random)); // in between
            put(key(2 * random.nextInt(20_000)), value(random)); // a new version of an in-order key
        }
        for (int i = 40_000; i < 41_000; i++) {
            put(key(i), value(random)); // in order again, past the end
        }
        assertPointReadsMatchModel(random);
        assertScansMatchModel();
        assertSeeksMatchModel(random);
        assertThat(mem.get(bytes(key(-1)), sequence, NOW)).isNull();
    }

    @Test
    void sameKeyManyVersions() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            put("hot", value(random));
            if (i % 50 == 49) {
                delete("hot");
            }
        }
        assertPointReadsMatchModel(random);
        assertScansMatchModel();
        assertSeeksMatchModel(random);
    }

    @Test
    void batchesReadLikeSingleAdds() {
        SplittableRandom random = new SplittableRandom(13);
        for (int b = 0; b < 400; b++) {
            // sizes around the index window, with repeats of a key inside one batch and deletions
            int size = random.nextInt(3) == 0 ? 1 : random.nextInt(200);
            List<Mutation> batch = new ArrayList<>();
            long first = sequence + 1;
            for (int i = 0; i < size; i++) {
                String key = key(random.nextInt(3_000));
                byte[] value = random.nextInt(8) == 0 ? null : value(random);
                batch.add(value == null ? Mutation.delete(bytes(key)) : Mutation.put(bytes(key), value));
                model.computeIfAbsent(key, k -> new TreeMap<>()).put(++sequence, value);
            }
            mem.addAll(first, batch.toArray(new Mutation[0]));
        }
        assertThat(mem.entryCount()).isEqualTo((int) sequence);
        assertPointReadsMatchModel(random);
        assertScansMatchModel();
        assertSeeksMatchModel(random);
    }

    @Test
    void readerRacingTheWriterSeesEveryPublishedVersion() throws Exception {
        int keys = 50_000;
        AtomicLong published = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(11);
            while (published.get() < keys && failure.get() == null) {
                long visible = published.get(); // keys 0 .. visible-1 were written at sequences 1 .. visible
                if (visible == 0) {
                    continue;
                }
                int k = random.nextInt((int) visible);
                byte[] v = mem.get(bytes(key(k)), visible, NOW);
                if (v == null || !new String(v, StandardCharsets.UTF_8).equals("v" + k)) {
                    failure.set("key " + k + " at sequence " + visible + " read " + (v == null ? null : new String(v)));
                }
                if (mem.get(bytes(key(k)), k, NOW) != null) { // written at sequence k + 1
                    failure.set("key " + k + " visible below its sequence");
                }
            }
        });
        reader.start();
        SplittableRandom random = new SplittableRandom(5);
        int[] order = random.ints(0, Integer.MAX_VALUE).limit(keys).toArray();
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            shuffled.add(i);
        }
        for (int i = keys - 1; i > 0; i--) {
            int j = order[i] % (i + 1);
            Integer t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        // The writer inserts key k at sequence k + 1 in random order, and publishes a sequence once
        // every key below it is in, as the engine publishes a group's last sequence after applying it.
        boolean[] done = new boolean[keys];
        int low = 0;
        for (int k : shuffled) {
            mem.add(k + 1, ValueType.VALUE, bytes(key(k)), bytes("v" + k));
            done[k] = true;
            while (low < keys && done[low]) {
                low++;
            }
            published.set(low);
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void readerRacingBatchesSeesEveryPublishedVersion() throws Exception {
        int keys = 50_000;
        int[] keyAt = new int[keys]; // sequence s writes key keyAt[s - 1]: a permutation, so each key once
        SplittableRandom shuffle = new SplittableRandom(17);
        for (int i = 0; i < keys; i++) {
            int j = shuffle.nextInt(i + 1);
            keyAt[i] = keyAt[j];
            keyAt[j] = i;
        }
        AtomicLong published = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(19);
            while (published.get() < keys && failure.get() == null) {
                long visible = published.get(); // sequences 1 .. visible are in; sequence s wrote keyAt[s - 1]
                if (visible == 0) {
                    continue;
                }
                int s = 1 + random.nextInt((int) visible);
                byte[] key = bytes(key(keyAt[s - 1]));
                byte[] v = mem.get(key, visible, NOW);
                if (v == null || !new String(v, StandardCharsets.UTF_8).equals("v" + s)) {
                    failure.set(
                            "sequence " + s + " read at " + visible + " gave " + (v == null ? null : new String(v)));
                }
                if (mem.get(key, s - 1, NOW) != null) {
                    failure.set("sequence " + s + " visible below itself");
                }
            }
        });
        reader.start();
        SplittableRandom random = new SplittableRandom(23);
        for (int first = 1; first <= keys; ) {
            int size = Math.min(keys - first + 1, 1 + random.nextInt(300)); // windows of the index, and more
            List<Mutation> batch = new ArrayList<>();
            for (int s = first; s < first + size; s++) {
                batch.add(Mutation.put(bytes(key(keyAt[s - 1])), bytes("v" + s)));
            }
            mem.addAll(first, batch.toArray(new Mutation[0]));
            first += size;
            published.set(first - 1); // as the engine publishes a group's last sequence after applying it
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }

    /**
     * Forward seeks to keys the memtable holds, racing a writer that adds versions of them: a reader
     * skipping versions above its sequence (as scans do) must still land on the newest version it
     * may see.
     */
    @Test
    void seeksRacingTheWriterLandOnTheNewestVisibleVersion() throws Exception {
        int keys = 1_000;
        int writes = 60_000;
        int[] keyAt = new int[writes]; // sequence s writes key keyAt[s - 1]
        List<List<Long>> versions = new ArrayList<>(); // per key, its sequences in ascending order
        for (int k = 0; k < keys; k++) {
            versions.add(new ArrayList<>());
        }
        SplittableRandom schedule = new SplittableRandom(29);
        for (int s = 1; s <= writes; s++) {
            keyAt[s - 1] = schedule.nextInt(keys);
            versions.get(keyAt[s - 1]).add((long) s);
        }
        AtomicLong published = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(31);
            while (published.get() < writes && failure.get() == null) {
                long visible = published.get();
                if (visible == 0) {
                    continue;
                }
                int k = keyAt[random.nextInt((int) visible)]; // a key with a published version
                List<Long> ofKey = versions.get(k);
                int at = java.util.Collections.binarySearch(ofKey, visible);
                long expected = ofKey.get(at >= 0 ? at : -at - 2);
                InternalIterator it =
                        mem.iterator(Direction.FORWARD, InternalKey.seekKey(bytes(key(k)), InternalKey.MAX_SEQUENCE));
                while (it.valid() && InternalKey.sequence(it.key()) > visible) {
                    it.next();
                }
                String landed = it.valid()
                        ? new String(InternalKey.userKey(it.key()), StandardCharsets.UTF_8) + "@"
                                + InternalKey.sequence(it.key())
                        : null;
                if (!(key(k) + "@" + expected).equals(landed)) {
                    failure.set("seek to " + key(k) + " at " + visible + " landed on " + landed + ", expected sequence "
                            + expected);
                }
            }
        });
        reader.start();
        for (int s = 1; s <= writes; s++) {
            mem.add(s, ValueType.VALUE, bytes(key(keyAt[s - 1])), bytes("v" + s));
            published.set(s);
        }
        reader.join();
        assertThat(failure.get()).isNull();
    }

    private void put(String key, byte[] value) {
        sequence++;
        mem.add(sequence, ValueType.VALUE, bytes(key), value);
        model.computeIfAbsent(key, k -> new TreeMap<>()).put(sequence, value);
    }

    private void delete(String key) {
        sequence++;
        mem.add(sequence, ValueType.DELETION, bytes(key), null);
        model.computeIfAbsent(key, k -> new TreeMap<>()).put(sequence, null);
    }

    private void assertPointReadsMatchModel(SplittableRandom random) {
        for (var e : model.entrySet()) {
            byte[] userKey = bytes(e.getKey());
            TreeMap<Long, byte[]> versions = e.getValue();
            List<Long> at = new ArrayList<>(List.of(0L, sequence, versions.firstKey() - 1, versions.lastKey()));
            for (int i = 0; i < 3; i++) {
                at.add(1 + random.nextLong(sequence));
            }
            for (long s : at) {
                var expected = versions.floorEntry(s);
                byte[] actual = mem.get(userKey, s, NOW);
                if (expected == null) {
                    assertThat(actual).as("%s at %d", e.getKey(), s).isNull();
                } else if (expected.getValue() == null) {
                    assertThat(actual).as("%s at %d", e.getKey(), s).isSameAs(Lookup.DELETED);
                } else {
                    assertThat(actual).as("%s at %d", e.getKey(), s).isEqualTo(expected.getValue());
                }
            }
        }
    }

    /** Every version of every key, newest first within a key, forward and backward. */
    private void assertScansMatchModel() {
        List<String> expected = new ArrayList<>();
        for (var e : model.entrySet()) {
            for (var v : e.getValue().descendingMap().entrySet()) {
                expected.add(e.getKey() + "@" + v.getKey() + "="
                        + (v.getValue() == null ? "-" : Arrays.hashCode(v.getValue())));
            }
        }
        assertThat(scan(Direction.FORWARD)).containsExactlyElementsOf(expected);
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(scan(Direction.REVERSE)).containsExactlyElementsOf(reversed);
    }

    /**
     * Seeks to each key's newest version (served by the index when the key is present), to keys
     * absent from the memtable, and to older sequences, in both directions: each lands where the
     * model's sorted list of versions says.
     */
    private void assertSeeksMatchModel(SplittableRandom random) {
        List<String> forward = scan(Direction.FORWARD);
        for (String user : model.keySet()) {
            for (String k : List.of(user, user + "+", user.substring(0, user.length() - 1))) {
                for (long s : new long[] {InternalKey.MAX_SEQUENCE, sequence, 1 + random.nextLong(sequence)}) {
                    int next = firstAtOrAfter(forward, k, s);
                    byte[] target = InternalKey.seekKey(bytes(k), s);
                    assertThat(first(mem.iterator(Direction.FORWARD, target)))
                            .as("forward seek to %s@%d", k, s)
                            .isEqualTo(next < forward.size() ? forward.get(next) : null);
                    assertThat(first(mem.iterator(Direction.REVERSE, target)))
                            .as("reverse seek to %s@%d", k, s)
                            .isEqualTo(next > 0 ? forward.get(next - 1) : null);
                }
            }
        }
    }

    /** Index of the first entry of {@code sorted} at or after the seek target {@code key@sequence}. */
    private static int firstAtOrAfter(List<String> sorted, String key, long sequence) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            String entry = sorted.get(mid);
            int cut = entry.indexOf('@');
            int c = entry.substring(0, cut).compareTo(key);
            long entrySequence = Long.parseLong(entry.substring(cut + 1, entry.indexOf('=')));
            if (c > 0 || (c == 0 && entrySequence <= sequence)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static String first(InternalIterator it) {
        if (!it.valid()) {
            return null;
        }
        byte[] ikey = it.key();
        String user = new String(InternalKey.userKey(ikey), StandardCharsets.UTF_8);
        boolean deletion = InternalKey.type(ikey) == ValueType.DELETION;
        return user + "@" + InternalKey.sequence(ikey) + "=" + (deletion ? "-" : Arrays.hashCode(it.value()));
    }

    private List<String> scan(Direction direction) {
        List<String> out = new ArrayList<>();
        InternalIterator it = mem.iterator(direction, null);
        for (; it.valid(); it.next()) {
            out.add(first(it));
            assertThat(out.size()).as("a scan that never ends").isLessThanOrEqualTo(mem.entryCount());
        }
        return out;
    }

    private static String key(int n) {
        return String.format("key%08d", n);
    }

    private static byte[] value(SplittableRandom random) {
        byte[] v = new byte[1 + random.nextInt(40)];
        random.nextBytes(v);
        return v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
