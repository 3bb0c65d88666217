package io.lightningdb.txn;

import static io.lightningdb.txn.TxnTestSupport.bytes;
import static io.lightningdb.txn.TxnTestSupport.fastConfig;
import static io.lightningdb.txn.TxnTestSupport.getBatch;
import static io.lightningdb.txn.TxnTestSupport.scan;
import static io.lightningdb.txn.TxnTestSupport.scanKeys;
import static io.lightningdb.txn.TxnTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.lightningdb.IsolationLevel;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningDb;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionOptions;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each isolation level promises: no lost updates at either level, write skew and phantoms
 * possible under SNAPSHOT and impossible under SERIALIZABLE, stable snapshot reads, read-your-writes
 * in gets and scans, and all-or-nothing commits.
 */
class IsolationTest {
    @TempDir
    Path dir;

    private LightningDb db;

    @BeforeEach
    void open() {
        db = LightningDb.open(dir, fastConfig().build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Transaction begin(IsolationLevel isolation) {
        return db.begin(TransactionOptions.builder().isolation(isolation).build());
    }

    // ---------------------------------------------------------------- lost update

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void lostUpdateIsPrevented(IsolationLevel isolation) {
        db.put("counter", "0");
        try (Transaction t1 = begin(isolation);
                Transaction t2 = begin(isolation)) {
            t1.put("counter", Integer.toString(Integer.parseInt(t1.get("counter")) + 1));
            t2.put("counter", Integer.toString(Integer.parseInt(t2.get("counter")) + 1));
            t1.commit();
            assertThatThrownBy(t2::commit)
                    .isInstanceOfSatisfying(
                            TransactionConflictException.class,
                            e -> assertThat(string(e.key())).isEqualTo("counter"))
                    .hasMessageContaining("counter");
            assertThat(t2.isActive()).isFalse();
        }
        assertThat(db.get("counter")).isEqualTo("1");
    }

    /** Concurrent read-modify-write increments: the counter equals the number of successful commits. */
    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void concurrentIncrementsLoseNothing(IsolationLevel isolation) throws Exception {
        // SYNC so that concurrent commits share groups: validation must also see earlier group members.
        db.close();
        db = LightningDb.open(dir, fastConfig().walSyncMode(WalSyncMode.SYNC).build());
        db.put("counter", "0");
        int threads = 4;
        int attemptsPerThread = 150;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int committed = 0;
                    for (int i = 0; i < attemptsPerThread; i++) {
                        try (Transaction tx = begin(isolation)) {
                            long n = Long.parseLong(tx.get("counter"));
                            tx.put("counter", Long.toString(n + 1));
                            tx.commit();
                            committed++;
                        } catch (TransactionConflictException e) {
                            // expected under contention; nothing was applied
                        }
                    }
                    return committed;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isPositive();
            assertThat(Long.parseLong(db.get("counter"))).isEqualTo(total);
            assertThat(db.stats().transactionsCommitted()).isEqualTo(total);
            assertThat(db.stats().transactionConflicts()).isEqualTo((long) threads * attemptsPerThread - total);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- write skew

    /** Two doctors on call; each transaction takes one off call if the other is still on. */
    private void goOffCallIfColleagueOnCall(Transaction tx, String me, String colleague) {
        if ("on".equals(tx.get("doctor:" + colleague)) && "on".equals(tx.get("doctor:" + me))) {
            tx.put("doctor:" + me, "off");
        }
    }

    @Test
    void writeSkewIsAllowedUnderSnapshot() {
        db.put("doctor:alice", "on");
        db.put("doctor:bob", "on");
        try (Transaction t1 = begin(IsolationLevel.SNAPSHOT);
                Transaction t2 = begin(IsolationLevel.SNAPSHOT)) {
            goOffCallIfColleagueOnCall(t1, "alice", "bob");
            goOffCallIfColleagueOnCall(t2, "bob", "alice");
            t1.commit();
            t2.commit(); // disjoint write sets: snapshot isolation lets both commit
        }
        assertThat(db.get("doctor:alice")).isEqualTo("off");
        assertThat(db.get("doctor:bob")).isEqualTo("off");
    }

    @Test
    void writeSkewIsPreventedUnderSerializable() {
        db.put("doctor:alice", "on");
        db.put("doctor:bob", "on");
        try (Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
                Transaction t2 = begin(IsolationLevel.SERIALIZABLE)) {
            goOffCallIfColleagueOnCall(t1, "alice", "bob");
            goOffCallIfColleagueOnCall(t2, "bob", "alice");
            t1.commit();
            assertThatThrownBy(t2::commit)
                    .isInstanceOfSatisfying(
                            TransactionConflictException.class,
                            e -> assertThat(string(e.key())).isEqualTo("doctor:alice"));
        }
        assertThat(db.get("doctor:alice")).isEqualTo("off");
        assertThat(db.get("doctor:bob")).isEqualTo("on");
    }

    @Test
    void serializableWriteSkewViaGetBatchIsPrevented() {
        db.put("x", "1");
        db.put("y", "1");
        try (Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
                Transaction t2 = begin(IsolationLevel.SERIALIZABLE)) {
            assertThat(getBatch(t1, "x", "y")).containsExactly("1", "1");
            assertThat(getBatch(t2, "x", "y")).containsExactly("1", "1");
            t1.put("x", "0");
            t2.put("y", "0");
            t1.commit();
            assertThatThrownBy(t2::commit).isInstanceOf(TransactionConflictException.class);
        }
        assertThat(db.get("y")).isEqualTo("1");
    }

    @Test
    void serializableReadOfAnAbsentKeyConflictsWithItsInsertion() {
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE)) {
            assertThat(tx.get("seat:1")).isNull();
            tx.put("booking", "seat:1");
            db.put("seat:1", "taken");
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        }
        assertThat(db.get("booking")).isNull();
    }

    @Test
    void serializableReadsOfUnchangedKeysDoNotConflict() {
        db.put("a", "1");
        db.put("b", "1");
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE)) {
            assertThat(tx.get("a")).isEqualTo("1");
            tx.put("c", "copy of a");
            db.put("b", "2"); // not read, not written by tx
            db.put("c2", "x");
            tx.commit();
        }
        assertThat(db.get("c")).isEqualTo("copy of a");
    }

    // ---------------------------------------------------------------- phantoms

    /** Counts the orders by scanning and writes the count: a concurrent insert is a phantom. */
    private static void writeOrderCount(Transaction tx, KeyRange range) {
        tx.put("summary:count", Integer.toString(scanKeys(tx, range).size()));
    }

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void phantomInsertIntoScannedRange(IsolationLevel isolation) {
        db.put("order:1", "a");
        db.put("order:2", "b");
        for (KeyRange range :
                List.of(KeyRange.prefix("order:"), KeyRange.prefix("order:").reverse())) {
            try (Transaction tx = begin(isolation)) {
                writeOrderCount(tx, range);
                db.put("order:3" + (range.isReverse() ? "r" : ""), "c"); // a phantom for tx
                if (isolation == IsolationLevel.SERIALIZABLE) {
                    assertThatThrownBy(tx::commit)
                            .isInstanceOfSatisfying(
                                    TransactionConflictException.class,
                                    e -> assertThat(string(e.key())).startsWith("order:3"));
                    assertThat(db.get("summary:count")).isNull();
                } else {
                    tx.commit();
                    assertThat(db.get("summary:count")).isEqualTo(range.isReverse() ? "3" : "2");
                }
            }
        }
    }

    @Test
    void serializablePhantomByDeleteAndByTransactionIsPrevented() {
        db.put("order:1", "a");
        db.put("order:2", "b");
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE)) {
            writeOrderCount(tx, KeyRange.prefix("order:"));
            assertThat(db.delete("order:1")).isTrue();
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        }
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE);
                Transaction inserter = begin(IsolationLevel.SNAPSHOT)) {
            writeOrderCount(tx, KeyRange.prefix("order:"));
            inserter.put("order:9", "z");
            inserter.commit();
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        }
        assertThat(db.get("summary:count")).isNull();
    }

    @Test
    void serializableScanConflictsOnlyInsideItsBounds() {
        db.put("b", "1");
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE)) {
            assertThat(scanKeys(tx, KeyRange.between("b", "d"))).containsExactly("b");
            tx.put("out", "x");
            db.put("a", "before the range");
            db.put("d", "the exclusive end bound");
            db.put("e", "after the range");
            tx.commit();
        }
        try (Transaction tx = begin(IsolationLevel.SERIALIZABLE)) {
            assertThat(scanKeys(tx, KeyRange.between("b", "d"))).containsExactly("b");
            tx.put("out", "y");
            db.put("c", "inside");
            assertThatThrownBy(tx::commit)
                    .isInstanceOfSatisfying(
                            TransactionConflictException.class,
                            e -> assertThat(string(e.key())).isEqualTo("c"));
        }
        assertThat(db.get("out")).isEqualTo("x");
    }

    // ---------------------------------------------------------------- snapshot reads

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void snapshotReadsAreUnaffectedByLaterCommits(IsolationLevel isolation) {
        db.put("k:1", "one");
        db.put("k:2", "two");
        db.flush();
        db.put("k:3", "three");
        try (Transaction tx = begin(isolation)) {
            assertThat(tx.get("k:1")).isEqualTo("one");
            db.put("k:1", "ONE");
            db.delete("k:2");
            db.put("k:4", "four");
            try (Transaction other = db.begin()) {
                other.put("k:3", "THREE");
                other.commit();
            }
            db.flush();
            db.compact();
            assertThat(tx.get("k:1")).isEqualTo("one");
            assertThat(tx.get("k:2")).isEqualTo("two");
            assertThat(tx.get("k:3")).isEqualTo("three");
            assertThat(tx.get("k:4")).isNull();
            assertThat(tx.exists("k:4")).isFalse();
            assertThat(getBatch(tx, "k:1", "k:2", "k:3", "k:4")).containsExactly("one", "two", "three", null);
            assertThat(scan(tx, KeyRange.prefix("k:")))
                    .containsExactly(entry("k:1", "one"), entry("k:2", "two"), entry("k:3", "three"));
            assertThat(scanKeys(tx, KeyRange.prefix("k:").reverse())).containsExactly("k:3", "k:2", "k:1");
        }
        assertThat(scan(db, KeyRange.prefix("k:")))
                .containsExactly(entry("k:1", "ONE"), entry("k:3", "THREE"), entry("k:4", "four"));
    }

    // ---------------------------------------------------------------- read-your-writes

    @Test
    void readYourWritesInGet() {
        db.put("a", "old");
        db.put("gone", "x");
        try (Transaction tx = db.begin()) {
            tx.put("a", "new");
            tx.put("b", "fresh");
            tx.delete("gone");
            assertThat(tx.get("a")).isEqualTo("new");
            assertThat(tx.get("b")).isEqualTo("fresh");
            assertThat(tx.get("gone")).isNull();
            assertThat(tx.exists("gone")).isFalse();
            assertThat(tx.exists("b")).isTrue();
            assertThat(getBatch(tx, "a", "b", "gone", "none")).containsExactly("new", "fresh", null, null);
            tx.delete("b");
            assertThat(tx.get("b")).isNull();
            tx.put("gone", "back");
            assertThat(tx.get("gone")).isEqualTo("back");
            // The database does not see the buffered writes before commit.
            assertThat(db.get("a")).isEqualTo("old");
            assertThat(db.get("gone")).isEqualTo("x");
            tx.commit();
        }
        assertThat(db.get("a")).isEqualTo("new");
        assertThat(db.get("b")).isNull();
        assertThat(db.get("gone")).isEqualTo("back");
    }

    @Test
    void getReturnsACopyOfABufferedValue() {
        try (Transaction tx = db.begin()) {
            byte[] value = bytes("v");
            tx.put(bytes("k"), value);
            value[0] = 'X'; // the caller reuses its array
            byte[] read = tx.get(bytes("k"));
            assertThat(string(read)).isEqualTo("v");
            read[0] = 'Y';
            assertThat(tx.get("k")).isEqualTo("v");
            tx.commit();
        }
        assertThat(db.get("k")).isEqualTo("v");
    }

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void readYourWritesInScans(IsolationLevel isolation) {
        // Snapshot data spread over a table and the memtable.
        db.put("a1", "s");
        db.put("a3", "s");
        db.flush();
        db.put("a5", "s");
        db.put("a7", "s");
        db.put("b1", "s");
        db.put("\u00ff", "s");
        try (Transaction tx = begin(isolation)) {
            tx.put("a0", "t"); // new key before every snapshot key
            tx.put("a2", "t"); // new key between snapshot keys
            tx.put("a3", "t"); // overwrite
            tx.delete("a5"); // hides a snapshot key
            tx.delete("a6"); // delete of a key that does not exist
            tx.put("a8", "t"); // new key after every snapshot key of the prefix
            tx.put("a9", "t");
            tx.delete("a9"); // own put then own delete
            tx.delete("b1");
            tx.put("b1", "t"); // own delete then own put

            assertThat(scan(tx, KeyRange.prefix("a")))
                    .containsExactly(
                            entry("a0", "t"),
                            entry("a1", "s"),
                            entry("a2", "t"),
                            entry("a3", "t"),
                            entry("a7", "s"),
                            entry("a8", "t"));
            assertThat(scanKeys(tx, KeyRange.prefix("a").reverse()))
                    .containsExactly("a8", "a7", "a3", "a2", "a1", "a0");
            assertThat(scanKeys(tx, KeyRange.between("a1", "a7"))).containsExactly("a1", "a2", "a3");
            assertThat(scanKeys(tx, KeyRange.between("a1", "a7").reverse())).containsExactly("a3", "a2", "a1");
            assertThat(scanKeys(tx, KeyRange.atLeast(bytes("a7")))).containsExactly("a7", "a8", "b1", "\u00ff");
            assertThat(scanKeys(tx, KeyRange.lessThan(bytes("a3")).reverse())).containsExactly("a2", "a1", "a0");
            assertThat(scan(tx, KeyRange.all()))
                    .containsExactly(
                            entry("a0", "t"),
                            entry("a1", "s"),
                            entry("a2", "t"),
                            entry("a3", "t"),
                            entry("a7", "s"),
                            entry("a8", "t"),
                            entry("b1", "t"),
                            entry("\u00ff", "s"));
            assertThat(scanKeys(tx, KeyRange.all().reverse()))
                    .containsExactly("\u00ff", "b1", "a8", "a7", "a3", "a2", "a1", "a0");
            assertThat(scanKeys(tx, KeyRange.prefix("c"))).isEmpty();
            tx.delete("a7");
            tx.delete("a8");
            tx.delete("a0");
            tx.delete("a1");
            tx.delete("a2");
            tx.delete("a3");
            assertThat(scanKeys(tx, KeyRange.prefix("a"))).isEmpty();
            assertThat(scanKeys(tx, KeyRange.prefix("a").reverse())).isEmpty();
            tx.commit();
        }
        assertThat(scan(db, KeyRange.all())).containsExactly(entry("b1", "t"), entry("\u00ff", "s"));
    }

    @Test
    void transactionMayWriteWhileItsScanIsOpen() {
        for (int i = 0; i < 20; i++) {
            db.put(String.format("item:%02d", i), "v" + i);
        }
        try (Transaction tx = db.begin()) {
            tx.put("item:05", "buffered");
            List<String> seen = new ArrayList<>();
            try (KvIterator it = tx.scan(KeyRange.prefix("item:"))) {
                while (it.next()) {
                    seen.add(it.keyAsString());
                    tx.put("copy:" + it.keyAsString(), it.valueAsString());
                    tx.delete(it.key());
                }
            }
            assertThat(seen).hasSize(20);
            assertThat(scanKeys(tx, KeyRange.prefix("item:"))).isEmpty();
            assertThat(tx.get("copy:item:05")).isEqualTo("buffered");
            tx.commit();
        }
        assertThat(scanKeys(db, KeyRange.prefix("item:"))).isEmpty();
        assertThat(scanKeys(db, KeyRange.prefix("copy:"))).hasSize(20);
    }

    // ---------------------------------------------------------------- plain writes vs transactions

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void plainWritesConflictWithATransactionWritingTheSameKey(IsolationLevel isolation) {
        List<Consumer<LightningDb>> plainWrites = List.of(
                d -> d.put("k", "plain"),
                d -> d.delete("k"),
                d -> d.write(WriteBatch.create().put("other", "x").put("k", "batch")),
                d -> d.write(WriteBatch.create().delete("k")),
                d -> d.put(bytes("k"), bytes("ttl"), java.time.Duration.ofHours(1)));
        for (Consumer<LightningDb> plain : plainWrites) {
            db.put("k", "start");
            try (Transaction tx = begin(isolation)) {
                tx.put("k", "tx");
                tx.put("k2", "tx");
                plain.accept(db);
                String after = db.get("k");
                assertThatThrownBy(tx::commit)
                        .isInstanceOfSatisfying(
                                TransactionConflictException.class,
                                e -> assertThat(string(e.key())).isEqualTo("k"));
                assertThat(db.get("k")).isEqualTo(after);
                assertThat(db.get("k2")).isNull();
            }
        }
    }

    @Test
    void plainWritesBeforeBeginDoNotConflict() {
        db.put("k", "before");
        try (Transaction tx = db.begin()) {
            tx.put("k", "tx");
            db.put("unrelated", "x");
            tx.commit();
        }
        assertThat(db.get("k")).isEqualTo("tx");
    }

    @Test
    void disjointConcurrentTransactionsBothCommit() {
        try (Transaction t1 = db.begin();
                Transaction t2 = db.begin();
                Transaction t3 = begin(IsolationLevel.SERIALIZABLE)) {
            t1.put("a", "1");
            t2.put("b", "2");
            t3.put("c", "3");
            t3.get("d");
            t1.commit();
            t2.commit();
            t3.commit();
        }
        assertThat(getBatch(db, "a", "b", "c")).containsExactly("1", "2", "3");
    }

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void conflictingTransactionAppliesNothing(IsolationLevel isolation) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String k = "acct:" + i;
            keys.add(k);
            db.put(k, "orig" + i);
        }
        db.flush();
        try (Transaction tx = begin(isolation)) {
            for (int i = 0; i < 10; i++) {
                if (i % 3 == 0) {
                    tx.delete(keys.get(i));
                } else {
                    tx.put(keys.get(i), "tx" + i);
                }
            }
            tx.put("acct:new", "tx");
            db.put("acct:7", "concurrent");
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
            assertThat(tx.isActive()).isFalse();
            assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i == 7 ? "concurrent" : "orig" + i);
        }
        assertThat(getBatch(db, keys.toArray(String[]::new))).containsExactlyElementsOf(expected);
        assertThat(db.get("acct:new")).isNull();
        assertThat(scanKeys(db, KeyRange.prefix("acct:"))).hasSize(10);
        // Also after a restart: nothing of the refused commit reached the log.
        db.close();
        db = LightningDb.open(dir, fastConfig().build());
        assertThat(getBatch(db, keys.toArray(String[]::new))).containsExactlyElementsOf(expected);
        assertThat(db.get("acct:new")).isNull();
    }

    @Test
    void firstCommitterWinsAmongSeveralWriters() {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Transaction tx = db.begin();
            tx.put("hot", "tx" + i);
            tx.put("own:" + i, "x");
            txs.add(tx);
        }
        Collections.reverse(txs);
        txs.get(0).commit();
        for (Transaction tx : txs.subList(1, txs.size())) {
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        }
        assertThat(db.get("hot")).isEqualTo("tx4");
        assertThat(scanKeys(db, KeyRange.prefix("own:"))).containsExactly("own:4");
    }
}
