package io.lightningdb.txn;

import static io.lightningdb.txn.TxnTestSupport.bytes;
import static io.lightningdb.txn.TxnTestSupport.fastConfig;
import static io.lightningdb.txn.TxnTestSupport.scanKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.DbStats;
import io.lightningdb.IsolationLevel;
import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionLimitException;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionTimeoutException;
import io.lightningdb.WalSyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a transaction: commit, rollback and close; use after it finished; read-only
 * transactions; the active-transaction limit; timeouts (with a controlled clock); the {@code
 * inTransaction} retry helper; and the transaction counters of {@link DbStats}.
 */
class TransactionLifecycleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private LightningDb db;

    private LightningDb open(LightningConfig.Builder config) {
        db = LightningDb.open(
                dir, config.clock(clock).transactionTimeout(TIMEOUT).build());
        return db;
    }

    private LightningDb open() {
        return open(fastConfig());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    // ---------------------------------------------------------------- commit, rollback, close

    @Test
    void commitAppliesEveryWrite() {
        open();
        db.put("gone", "x");
        try (Transaction tx = db.begin()) {
            assertThat(tx.isActive()).isTrue();
            assertThat(tx.options()).isEqualTo(TransactionOptions.defaults());
            assertThat(tx.snapshotSequence()).isEqualTo(db.stats().lastSequence());
            tx.put("a", "1");
            tx.put(bytes("b"), bytes("2"));
            tx.delete("gone");
            tx.commit();
            assertThat(tx.isActive()).isFalse();
        }
        assertThat(db.get("a")).isEqualTo("1");
        assertThat(db.get("b")).isEqualTo("2");
        assertThat(db.get("gone")).isNull();
    }

    @Test
    void rollbackAndCloseDiscardEveryWrite() {
        open();
        db.put("k", "orig");
        try (Transaction tx = db.begin()) {
            tx.put("k", "rolled back");
            tx.put("new", "rolled back");
            tx.rollback();
            assertThat(tx.isActive()).isFalse();
        }
        try (Transaction tx = db.begin()) {
            tx.put("k", "closed");
            tx.delete("k");
            tx.put("new2", "closed");
        } // close() without commit rolls back
        assertThat(db.get("k")).isEqualTo("orig");
        assertThat(db.get("new")).isNull();
        assertThat(db.get("new2")).isNull();
        assertThat(db.stats().activeTransactions()).isZero();
        db.close();
        open();
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("k");
    }

    @Test
    void closeIsIdempotentAndKeepsACommit() {
        open();
        Transaction tx = db.begin();
        tx.put("k", "v");
        tx.commit();
        tx.close();
        tx.close();
        assertThat(db.get("k")).isEqualTo("v");
        Transaction rolledBack = db.begin();
        rolledBack.rollback();
        assertThatCode(rolledBack::close).doesNotThrowAnyException();
        assertThat(db.stats().activeTransactions()).isZero();
    }

    @Test
    void emptyTransactionCommits() {
        open();
        try (Transaction tx = db.begin()) {
            tx.commit();
        }
        assertThat(db.stats().transactionsCommitted()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- use after finish

    /** Every operation on a transaction, as callables. */
    private static List<ThrowingCallable> everyOperation(Transaction tx) {
        return List.of(
                () -> tx.get("k"),
                () -> tx.get(bytes("k")),
                () -> tx.exists("k"),
                () -> tx.getBatch(List.of(bytes("k"))),
                () -> tx.scan(KeyRange.all()).close(),
                () -> tx.put("k", "v"),
                () -> tx.put(bytes("k"), bytes("v"), Duration.ofMinutes(1)),
                () -> tx.delete("k"),
                tx::commit,
                tx::rollback);
    }

    @Test
    void everyOperationAfterFinishThrowsIllegalState() {
        open();
        db.put("k", "x");
        List<Consumer<Transaction>> finishers = List.of(Transaction::commit, Transaction::rollback, Transaction::close);
        for (Consumer<Transaction> finish : finishers) {
            for (boolean withWrites : new boolean[] {false, true}) {
                Transaction tx = db.begin();
                if (withWrites) {
                    tx.put("w", "1");
                }
                finish.accept(tx);
                assertThat(tx.isActive()).isFalse();
                for (ThrowingCallable op : everyOperation(tx)) {
                    assertThatThrownBy(op).isInstanceOf(IllegalStateException.class);
                }
                assertThatCode(tx::close).doesNotThrowAnyException();
            }
        }
        // After a conflict, too.
        Transaction tx = db.begin();
        tx.put("k", "tx");
        db.put("k", "plain");
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        for (ThrowingCallable op : everyOperation(tx)) {
            assertThatThrownBy(op).isInstanceOf(IllegalStateException.class);
        }
        assertThat(db.get("k")).isEqualTo("plain");
        assertThat(db.get("w")).isEqualTo("1");
    }

    @Test
    void openScanOfAFinishedTransactionRefusesToMove() {
        open();
        db.put("a", "1");
        db.put("b", "2");
        Transaction tx = db.begin();
        try (KvIterator it = tx.scan(KeyRange.all())) {
            assertThat(it.next()).isTrue();
            tx.rollback();
            assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class);
        }
    }

    // ---------------------------------------------------------------- read-only

    @Test
    void readOnlyTransactionReadsButRejectsWrites() {
        open();
        db.put("k", "v1");
        try (Transaction tx = db.begin(TransactionOptions.readOnlyDefaults())) {
            assertThat(tx.options().readOnly()).isTrue();
            db.put("k", "v2");
            assertThat(tx.get("k")).isEqualTo("v1");
            assertThat(scanKeys(tx, KeyRange.all())).containsExactly("k");
            assertThatThrownBy(() -> tx.put("k", "x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> tx.put(bytes("k"), bytes("x"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> tx.put(bytes("k"), bytes("x"), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> tx.delete("k")).isInstanceOf(IllegalStateException.class);
            assertThat(tx.isActive()).isTrue();
            tx.commit(); // a read-only transaction commits trivially
        }
        assertThat(db.get("k")).isEqualTo("v2");
        try (Transaction tx = db.begin(TransactionOptions.builder()
                .readOnly(true)
                .isolation(IsolationLevel.SERIALIZABLE)
                .build())) {
            assertThat(tx.get("k")).isEqualTo("v2");
            assertThatThrownBy(() -> tx.put("k", "x")).isInstanceOf(IllegalStateException.class);
        }
    }

    // ---------------------------------------------------------------- limits

    @Test
    void maxActiveTransactionsIsEnforcedAndASlotFreesOnFinish() {
        open(fastConfig().maxActiveTransactions(2));
        Transaction t1 = db.begin();
        Transaction t2 = db.begin(TransactionOptions.readOnlyDefaults());
        assertThatThrownBy(db::begin)
                .isInstanceOf(TransactionLimitException.class)
                .hasMessageContaining("2");
        assertThatThrownBy(() -> db.inTransaction(tx -> 1)).isInstanceOf(TransactionLimitException.class);
        // Snapshots are not transactions.
        db.snapshot().close();
        t1.close();
        Transaction t3 = db.begin();
        assertThatThrownBy(db::begin).isInstanceOf(TransactionLimitException.class);
        t2.commit();
        Transaction t4 = db.begin();
        t3.put("k", "v");
        t3.commit();
        t4.rollback();
        try (Transaction t5 = db.begin();
                Transaction t6 = db.begin()) {
            t5.put("k5", "v");
            t5.commit();
            t6.put("k6", "v");
            t6.commit();
        }
        assertThat(db.stats().activeTransactions()).isZero();
        assertThat(db.get("k5")).isEqualTo("v");
    }

    @Test
    void anAbandonedTransactionPastItsTimeoutFreesItsSlot() {
        open(fastConfig().maxActiveTransactions(1));
        Transaction abandoned = db.begin();
        abandoned.put("k", "v");
        assertThatThrownBy(db::begin).isInstanceOf(TransactionLimitException.class);
        clock.advance(TIMEOUT.plusSeconds(1));
        try (Transaction tx = db.begin()) {
            tx.put("k2", "v2");
            tx.commit();
        }
        assertThatThrownBy(abandoned::commit).isInstanceOf(TransactionTimeoutException.class);
        assertThat(db.get("k")).isNull();
        assertThat(db.get("k2")).isEqualTo("v2");
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    void expiredTransactionCannotCommitAndAppliesNothing() {
        open();
        db.put("a", "orig");
        Transaction tx = db.begin();
        tx.put("a", "tx");
        tx.put("b", "tx");
        clock.advance(TIMEOUT.minusMillis(1));
        assertThat(tx.isActive()).isTrue();
        assertThat(tx.get("a")).isEqualTo("tx");
        clock.advance(Duration.ofMillis(2));
        assertThat(tx.isActive()).isFalse();
        assertThatThrownBy(tx::commit)
                .isInstanceOf(TransactionTimeoutException.class)
                .hasMessageContaining("timed out");
        assertThat(db.get("a")).isEqualTo("orig");
        assertThat(db.get("b")).isNull();
        // Still unusable afterwards, and close is harmless.
        assertThatThrownBy(() -> tx.get("a")).isInstanceOfAny(TransactionTimeoutException.class);
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionTimeoutException.class);
        assertThatCode(tx::close).doesNotThrowAnyException();
        assertThat(db.stats().activeTransactions()).isZero();
        assertThat(db.stats().transactionsRolledBack()).isEqualTo(1);
    }

    @Test
    void readsAndWritesPastTheDeadlineThrowTimeout() {
        open();
        List<Consumer<Transaction>> ops = List.of(
                tx -> tx.get("a"),
                tx -> tx.put("a", "b"),
                tx -> tx.delete("a"),
                tx -> tx.scan(KeyRange.all()).close(),
                tx -> tx.getBatch(List.of(bytes("a"))));
        for (Consumer<Transaction> op : ops) {
            Transaction tx = db.begin();
            tx.put("a", "tx");
            clock.advance(TIMEOUT.plusMillis(1));
            assertThatThrownBy(() -> op.accept(tx)).isInstanceOf(TransactionTimeoutException.class);
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionTimeoutException.class);
            tx.close();
        }
        assertThat(db.get("a")).isNull();
    }

    @Test
    void perTransactionTimeoutOverridesTheConfiguredOne() {
        open();
        TransactionOptions shortLived =
                TransactionOptions.builder().timeout(Duration.ofSeconds(1)).build();
        TransactionOptions longLived =
                TransactionOptions.builder().timeout(Duration.ofMinutes(5)).build();
        Transaction quick = db.begin(shortLived);
        Transaction slow = db.begin(longLived);
        quick.put("quick", "1");
        slow.put("slow", "1");
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(quick::commit).isInstanceOf(TransactionTimeoutException.class);
        clock.advance(Duration.ofMinutes(2)); // far past the configured 10 s, within 5 min
        slow.commit();
        assertThat(db.get("quick")).isNull();
        assertThat(db.get("slow")).isEqualTo("1");
        assertThatThrownBy(() ->
                        TransactionOptions.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- inTransaction

    @Test
    void inTransactionCommitsAndReturnsTheResult() {
        open();
        db.put("counter", "41");
        int result = db.inTransaction(tx -> {
            int n = Integer.parseInt(tx.get("counter")) + 1;
            tx.put("counter", Integer.toString(n));
            return n;
        });
        assertThat(result).isEqualTo(42);
        assertThat(db.get("counter")).isEqualTo("42");
        assertThat(db.stats().transactionsCommitted()).isEqualTo(1);
        assertThat(db.stats().activeTransactions()).isZero();
    }

    @Test
    void inTransactionRetriesConflictsUntilOneSucceeds() {
        open();
        db.put("counter", "0");
        AtomicInteger attempts = new AtomicInteger();
        String result = db.inTransaction(tx -> {
            int attempt = attempts.incrementAndGet();
            long n = Long.parseLong(tx.get("counter"));
            if (attempt < 3) {
                db.put("counter", Long.toString(n + 100)); // a concurrent writer gets in first
            }
            tx.put("counter", Long.toString(n + 1));
            return "attempt " + attempt;
        });
        assertThat(result).isEqualTo("attempt 3");
        assertThat(attempts).hasValue(3);
        assertThat(db.get("counter")).isEqualTo("201");
        DbStats stats = db.stats();
        assertThat(stats.transactionsStarted()).isEqualTo(3);
        assertThat(stats.transactionConflicts()).isEqualTo(2);
        assertThat(stats.transactionsCommitted()).isEqualTo(1);
    }

    @Test
    void inTransactionGivesUpAfterTheAttemptLimit() {
        open();
        db.put("k", "0");
        AtomicInteger attempts = new AtomicInteger();
        TransactionConflictException error = null;
        try {
            db.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.put("k", "tx");
                tx.put("side", "tx");
                db.put("k", "plain"); // always conflicts
                return null;
            });
        } catch (TransactionConflictException e) {
            error = e;
        }
        assertThat(error).isNotNull();
        assertThat(attempts).hasValue(LightningDb.DEFAULT_TRANSACTION_ATTEMPTS).hasValue(10);
        assertThat(db.get("side")).isNull();
        assertThat(db.stats().transactionConflicts()).isEqualTo(10);

        attempts.set(0);
        assertThatThrownBy(() -> db.inTransaction(TransactionOptions.defaults(), 3, tx -> {
                    attempts.incrementAndGet();
                    tx.put("k", "tx");
                    db.put("k", "plain");
                    return null;
                }))
                .isInstanceOf(TransactionConflictException.class);
        assertThat(attempts).hasValue(3);
        assertThatThrownBy(() -> db.inTransaction(TransactionOptions.defaults(), 0, tx -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.stats().activeTransactions()).isZero();
    }

    @Test
    void inTransactionSucceedsUnderRealContention() throws Exception {
        // SYNC: concurrent commits share fsync groups.
        open(fastConfig().walSyncMode(WalSyncMode.SYNC));
        db.put("counter", "0");
        int threads = 4;
        int perThread = 50;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Generous attempts: with four threads on one key, ten might not be enough.
                        db.inTransaction(TransactionOptions.defaults(), 1_000, tx -> {
                            long n = Long.parseLong(tx.get("counter"));
                            tx.put("counter", Long.toString(n + 1));
                            return n;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.get("counter")).isEqualTo(Integer.toString(threads * perThread));
        DbStats stats = db.stats();
        assertThat(stats.transactionsCommitted()).isEqualTo(threads * perThread);
        assertThat(stats.transactionsStarted()).isEqualTo(threads * perThread + stats.transactionConflicts());
        assertThat(stats.activeTransactions()).isZero();
    }

    @Test
    void anExceptionInTheWorkRollsBackAndPropagatesWithoutRetry() {
        open();
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.inTransaction(tx -> {
                    attempts.incrementAndGet();
                    tx.put("k", "v");
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(attempts).hasValue(1);
        assertThat(db.get("k")).isNull();
        DbStats stats = db.stats();
        assertThat(stats.transactionsRolledBack()).isEqualTo(1);
        assertThat(stats.transactionsCommitted()).isZero();
        assertThat(stats.activeTransactions()).isZero();
    }

    @Test
    void inTransactionToleratesWorkThatFinishesTheTransactionItself() {
        open();
        String result = db.inTransaction(tx -> {
            tx.put("committed", "v");
            tx.commit();
            return "done";
        });
        assertThat(result).isEqualTo("done");
        db.inTransaction(tx -> {
            tx.put("rolled back", "v");
            tx.rollback();
            return null;
        });
        assertThat(db.get("committed")).isEqualTo("v");
        assertThat(db.get("rolled back")).isNull();
    }

    /**
     * Work that outlives the transaction timeout must not be reported as successful: its writes
     * were never committed.
     */
    @Test
    void inTransactionReportsATimeoutInsteadOfReturningWithoutCommitting() {
        open();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> db.inTransaction(tx -> {
                    attempts.incrementAndGet();
                    tx.put("k", "v");
                    clock.advance(TIMEOUT.plusSeconds(1)); // slow work
                    return "looks committed";
                }))
                .isInstanceOf(TransactionTimeoutException.class);
        assertThat(attempts).hasValue(1);
        assertThat(db.get("k")).isNull();
    }

    // ---------------------------------------------------------------- stats

    @Test
    void statsCountEveryOutcome() {
        open();
        DbStats before = db.stats();
        assertThat(before.transactionsStarted()).isZero();

        Transaction active = db.begin();
        try (Transaction tx = db.begin()) {
            tx.put("a", "1");
            tx.commit();
        }
        try (Transaction tx = db.begin()) {
            tx.rollback();
        }
        try (Transaction tx = db.begin()) {
            tx.put("b", "1");
        }
        try (Transaction tx = db.begin()) {
            tx.put("a", "2");
            db.put("a", "3");
            assertThatThrownBy(tx::commit).isInstanceOf(TransactionConflictException.class);
        }
        Transaction late = db.begin();
        late.put("c", "1");
        DbStats mid = db.stats();
        assertThat(mid.transactionsStarted()).isEqualTo(6);
        assertThat(mid.activeTransactions()).isEqualTo(2);
        assertThat(mid.activeSnapshots()).isGreaterThanOrEqualTo(2);
        clock.advance(TIMEOUT.plusSeconds(1));
        assertThatThrownBy(late::commit).isInstanceOf(TransactionTimeoutException.class);
        active.close();

        DbStats after = db.stats();
        assertThat(after.transactionsStarted()).isEqualTo(6);
        assertThat(after.transactionsCommitted()).isEqualTo(1);
        // rollback, close, conflict, timeout, close of the timed-out "active" one
        assertThat(after.transactionConflicts()).isEqualTo(1);
        assertThat(after.transactionsRolledBack()).isEqualTo(5);
        assertThat(after.activeTransactions()).isZero();
        assertThat(after.activeSnapshots()).isZero();
        assertThat(after.transactionsCommitted() + after.transactionsRolledBack())
                .isEqualTo(after.transactionsStarted());
    }
}
