package io.lightningdb.txn;

import static io.lightningdb.txn.TxnTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.IsolationLevel;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningDb;
import io.lightningdb.ReadOperations;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random interleavings of several transactions (begin, get, put, delete, scan, commit, rollback)
 * and plain writes, checked against a model that applies committed transactions in commit order:
 *
 * <ul>
 *   <li>every read inside a transaction equals the model state at its begin overlaid with its own
 *       writes;
 *   <li>a commit with writes succeeds iff no key it wrote (SNAPSHOT) — or also read or inside a
 *       range it scanned (SERIALIZABLE) — was committed by anyone else after its begin; a
 *       transaction without writes always commits;
 *   <li>a refused commit changes nothing, and the final database equals the model.
 * </ul>
 *
 * Operations are records, so jqwik shrinks a failure to a short, readable sequence.
 */
class TransactionModelPropertyTest {
    private static final List<String> KEYS = List.of("a", "ab", "b", "ba", "c", "d");
    private static final List<KeyRange> RANGES = List.of(
            KeyRange.all(),
            KeyRange.prefix("a"),
            KeyRange.between("ab", "c"),
            KeyRange.atLeast(bytes("b")),
            KeyRange.lessThan(bytes("b")),
            KeyRange.prefix("c"));
    private static final int SLOTS = 3;

    @Property(tries = 300)
    void transactionsAgreeWithTheModel(@ForAll("runs") List<Op> ops) {
        Path dir = createTempDir();
        try (Harness h = new Harness(dir)) {
            for (Op op : ops) {
                op.apply(h);
            }
            h.finish();
        } finally {
            deleteRecursively(dir);
        }
    }

    // ---------------------------------------------------------------- operations

    sealed interface Op
            permits Begin, Get, Put, Delete, Scan, Commit, Rollback, PlainPut, PlainDelete, PlainGet, Flush, Compact {
        void apply(Harness h);
    }

    record Begin(int slot, boolean serializable) implements Op {
        public void apply(Harness h) {
            h.begin(slot, serializable);
        }
    }

    record Get(int slot, int key) implements Op {
        public void apply(Harness h) {
            h.get(slot, KEYS.get(key));
        }
    }

    record Put(int slot, int key, int value) implements Op {
        public void apply(Harness h) {
            h.put(slot, KEYS.get(key), "t" + value);
        }
    }

    record Delete(int slot, int key) implements Op {
        public void apply(Harness h) {
            h.put(slot, KEYS.get(key), null);
        }
    }

    record Scan(int slot, int range, boolean reverse) implements Op {
        public void apply(Harness h) {
            KeyRange r = RANGES.get(range);
            h.scan(slot, reverse ? r.reverse() : r);
        }
    }

    record Commit(int slot) implements Op {
        public void apply(Harness h) {
            h.commit(slot);
        }
    }

    record Rollback(int slot) implements Op {
        public void apply(Harness h) {
            h.rollback(slot);
        }
    }

    record PlainPut(int key, int value) implements Op {
        public void apply(Harness h) {
            h.plainWrite(KEYS.get(key), "p" + value);
        }
    }

    record PlainDelete(int key) implements Op {
        public void apply(Harness h) {
            h.plainWrite(KEYS.get(key), null);
        }
    }

    record PlainGet(int key) implements Op {
        public void apply(Harness h) {
            h.plainGet(KEYS.get(key));
        }
    }

    record Flush() implements Op {
        public void apply(Harness h) {
            h.db.flush();
            h.checkState();
        }
    }

    record Compact() implements Op {
        public void apply(Harness h) {
            h.db.compact();
            h.checkState();
        }
    }

    @Provide
    Arbitrary<List<Op>> runs() {
        Arbitrary<Integer> slot = Arbitraries.integers().between(0, SLOTS - 1);
        Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 9);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(
                        14,
                        Combinators.combine(slot, Arbitraries.of(false, true)).as(Begin::new)),
                Tuple.of(14, Combinators.combine(slot, key).as(Get::new)),
                Tuple.of(18, Combinators.combine(slot, key, value).as(Put::new)),
                Tuple.of(6, Combinators.combine(slot, key).as(Delete::new)),
                Tuple.of(
                        10,
                        Combinators.combine(
                                        slot,
                                        Arbitraries.integers().between(0, RANGES.size() - 1),
                                        Arbitraries.of(false, true))
                                .as(Scan::new)),
                Tuple.of(12, slot.map(Commit::new)),
                Tuple.of(3, slot.map(Rollback::new)),
                Tuple.of(8, Combinators.combine(key, value).as(PlainPut::new)),
                Tuple.of(3, key.map(PlainDelete::new)),
                Tuple.of(3, key.map(PlainGet::new)),
                Tuple.of(2, Arbitraries.just(new Flush())),
                Tuple.of(1, Arbitraries.just(new Compact())));
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    // ---------------------------------------------------------------- model and engine side by side

    /** A transaction in the model: its snapshot, its own writes (null value = delete), what it read. */
    private static final class TxModel {
        final Transaction tx;
        final boolean serializable;
        final long beginCommit;
        final NavigableMap<String, String> snapshot;
        final Map<String, String> writes = new TreeMap<>();
        final Set<String> reads = new HashSet<>();
        final List<KeyRange> scans = new ArrayList<>();

        TxModel(Transaction tx, boolean serializable, long beginCommit, NavigableMap<String, String> snapshot) {
            this.tx = tx;
            this.serializable = serializable;
            this.beginCommit = beginCommit;
            this.snapshot = snapshot;
        }

        /** The snapshot overlaid with the transaction's own writes. */
        NavigableMap<String, String> view() {
            TreeMap<String, String> v = new TreeMap<>(snapshot);
            for (Map.Entry<String, String> w : writes.entrySet()) {
                if (w.getValue() == null) {
                    v.remove(w.getKey());
                } else {
                    v.put(w.getKey(), w.getValue());
                }
            }
            return v;
        }
    }

    static final class Harness implements AutoCloseable {
        final LightningDb db;
        /** Committed state, and per key the number of the commit that last wrote it. */
        final TreeMap<String, String> state = new TreeMap<>();

        final Map<String, Long> lastWrite = new HashMap<>();
        long commits;
        final TxModel[] slots = new TxModel[SLOTS];

        Harness(Path dir) {
            db = LightningDb.open(
                    dir,
                    TxnTestSupport.fastConfig()
                            .writeBufferSize(4 * 1024)
                            .targetFileSize(4 * 1024)
                            .build());
        }

        void begin(int slot, boolean serializable) {
            if (slots[slot] != null) {
                return;
            }
            TransactionOptions options = TransactionOptions.builder()
                    .isolation(serializable ? IsolationLevel.SERIALIZABLE : IsolationLevel.SNAPSHOT)
                    .build();
            slots[slot] = new TxModel(db.begin(options), serializable, commits, new TreeMap<>(state));
        }

        void get(int slot, String key) {
            TxModel m = slots[slot];
            if (m == null) {
                return;
            }
            String expected = m.view().get(key);
            assertThat(m.tx.get(key)).as("get %s in transaction %d", key, slot).isEqualTo(expected);
            m.reads.add(key);
        }

        void put(int slot, String key, String value) {
            TxModel m = slots[slot];
            if (m == null) {
                return;
            }
            if (value == null) {
                m.tx.delete(key);
            } else {
                m.tx.put(key, value);
            }
            m.writes.put(key, value);
        }

        void scan(int slot, KeyRange range) {
            TxModel m = slots[slot];
            if (m == null) {
                return;
            }
            Map<String, String> expected = new LinkedHashMap<>();
            NavigableMap<String, String> view = m.view();
            for (Map.Entry<String, String> e : (range.isReverse() ? view.descendingMap() : view).entrySet()) {
                if (range.contains(bytes(e.getKey()))) {
                    expected.put(e.getKey(), e.getValue());
                }
            }
            assertThat(entries(m.tx, range))
                    .as("scan %s in transaction %d", range, slot)
                    .containsExactlyEntriesOf(expected);
            m.scans.add(range);
        }

        /** The first key that makes the transaction's commit conflict in the model, or null. */
        String expectedConflict(TxModel m) {
            if (m.writes.isEmpty()) {
                return null; // nothing to validate: it serializes at its snapshot
            }
            for (String k : m.writes.keySet()) {
                if (changedSinceBegin(m, k)) {
                    return k;
                }
            }
            if (m.serializable) {
                for (String k : m.reads) {
                    if (changedSinceBegin(m, k)) {
                        return k;
                    }
                }
                for (KeyRange r : m.scans) {
                    for (String k : lastWrite.keySet()) {
                        if (r.contains(bytes(k)) && changedSinceBegin(m, k)) {
                            return k;
                        }
                    }
                }
            }
            return null;
        }

        private boolean changedSinceBegin(TxModel m, String key) {
            return lastWrite.getOrDefault(key, -1L) > m.beginCommit;
        }

        void commit(int slot) {
            TxModel m = slots[slot];
            if (m == null) {
                return;
            }
            slots[slot] = null;
            String conflict = expectedConflict(m);
            if (conflict != null) {
                assertThatThrownBy(m.tx::commit)
                        .as("commit of transaction %d expected to conflict on %s", slot, conflict)
                        .isInstanceOf(TransactionConflictException.class);
            } else {
                m.tx.commit();
                if (!m.writes.isEmpty()) {
                    commits++;
                    for (Map.Entry<String, String> w : m.writes.entrySet()) {
                        apply(w.getKey(), w.getValue());
                    }
                }
            }
            assertThat(m.tx.isActive()).isFalse();
            checkState();
        }

        void rollback(int slot) {
            TxModel m = slots[slot];
            if (m == null) {
                return;
            }
            slots[slot] = null;
            m.tx.rollback();
        }

        void plainWrite(String key, String value) {
            if (value == null) {
                assertThat(db.delete(key))
                        .as("delete(%s) reports existence", key)
                        .isEqualTo(state.containsKey(key));
            } else {
                db.put(key, value);
            }
            commits++;
            apply(key, value);
        }

        void plainGet(String key) {
            assertThat(db.get(key)).as("plain get %s", key).isEqualTo(state.get(key));
        }

        private void apply(String key, String value) {
            lastWrite.put(key, commits);
            if (value == null) {
                state.remove(key);
            } else {
                state.put(key, value);
            }
        }

        void checkState() {
            assertThat(entries(db, KeyRange.all())).as("database state").containsExactlyEntriesOf(state);
        }

        void finish() {
            for (int s = 0; s < SLOTS; s++) {
                if (slots[s] != null) {
                    slots[s].tx.close();
                    slots[s] = null;
                }
            }
            checkState();
            assertThat(db.stats().activeTransactions()).isZero();
            assertThat(db.stats().activeSnapshots()).isZero();
            for (String k : KEYS) {
                plainGet(k);
            }
        }

        @Override
        public void close() {
            db.close();
        }
    }

    private static Map<String, String> entries(ReadOperations reads, KeyRange range) {
        Map<String, String> out = new LinkedHashMap<>();
        try (KvIterator it = reads.scan(range)) {
            while (it.next()) {
                out.put(it.keyAsString(), it.valueAsString());
            }
        }
        return out;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("lightning-txn-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
