package io.lightningdb.txn;

import static io.lightningdb.txn.BankWorker.ACCOUNTS;
import static io.lightningdb.txn.BankWorker.TOTAL;
import static io.lightningdb.txn.BankWorker.account;
import static io.lightningdb.txn.TxnTestSupport.bytes;
import static io.lightningdb.txn.TxnTestSupport.scan;
import static io.lightningdb.txn.TxnTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.IsolationLevel;
import io.lightningdb.KeyRange;
import io.lightningdb.LightningDb;
import io.lightningdb.ReadOperations;
import io.lightningdb.Snapshot;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionOptions;
import io.lightningdb.WalSyncMode;
import io.lightningdb.testutil.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bank invariant: concurrent transfers in transactions never change the total, as seen by
 * auditors reading snapshots and read-only transactions while the transfers run, and after a
 * process running transfers is killed with SIGKILL and the database reopened.
 *
 * <p>Crash rounds per mode: {@code -Dlightning.crash.iterations} (default 12). A failure names the
 * seed; rerun it with {@code -Dlightning.bank.seed=<seed>}.
 */
class BankInvariantTest {
    private static final int TRANSFER_THREADS = 4;
    private static final int TRANSFERS_PER_THREAD = 300;
    private static final int CRASH_ROUNDS = Integer.getInteger("lightning.crash.iterations", 12);
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- in-process

    @Test
    void concurrentTransfersNeverChangeTheTotal() throws Exception {
        long seed = Long.getLong("lightning.bank.seed", new Random().nextLong());
        LightningDb db = LightningDb.open(
                dir, BankWorker.config(WalSyncMode.NORMAL).toBuilder().build());
        try {
            BankWorker.initialise(db);
            AtomicBoolean transfersDone = new AtomicBoolean();
            List<String> violations = new CopyOnWriteArrayList<>();
            AtomicLong audits = new AtomicLong();
            CountDownLatch auditorRunning = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(TRANSFER_THREADS + 1);
            try {
                Future<?> auditor = pool.submit(() -> {
                    auditorRunning.countDown();
                    int round = 0;
                    // At least a few audits even if the transfers finish first.
                    while (!transfersDone.get() || round < 4) {
                        audit(db, round++, violations);
                        audits.incrementAndGet();
                    }
                    return null;
                });
                auditorRunning.await();
                List<Future<Long>> workers = new ArrayList<>();
                for (int t = 0; t < TRANSFER_THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        Random random = new Random(seed * 31 + thread);
                        long last = 0;
                        for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                            long n = BankWorker.transfer(db, random, thread);
                            assertThat(n).isEqualTo(last + 1);
                            last = n;
                        }
                        return last;
                    }));
                }
                for (Future<Long> w : workers) {
                    assertThat(w.get(120, TimeUnit.SECONDS)).isEqualTo(TRANSFERS_PER_THREAD);
                }
                transfersDone.set(true);
                auditor.get(120, TimeUnit.SECONDS);
            } finally {
                transfersDone.set(true);
                pool.shutdownNow();
            }
            assertThat(violations).as("seed %d", seed).isEmpty();
            assertThat(audits.get()).isGreaterThanOrEqualTo(4);
            checkBank(db, "after the run, seed " + seed);
            assertThat(db.stats().transactionsCommitted())
                    .isGreaterThanOrEqualTo((long) TRANSFER_THREADS * TRANSFERS_PER_THREAD);
            assertThat(db.stats().activeTransactions()).isZero();
            assertThat(db.stats().activeSnapshots()).isZero();
        } finally {
            db.close();
        }
        try (LightningDb reopened = LightningDb.open(dir, BankWorker.config(WalSyncMode.NORMAL))) {
            Map<Integer, Long> counters = checkBank(reopened, "after reopening, seed " + seed);
            for (int t = 0; t < TRANSFER_THREADS; t++) {
                assertThat(counters.get(t)).isEqualTo(TRANSFERS_PER_THREAD);
            }
        }
    }

    /** Sums the balances through one of several consistent read paths; records any wrong total. */
    private static void audit(LightningDb db, int round, List<String> violations) {
        String how;
        long sum;
        switch (round % 4) {
            case 0 -> {
                how = "snapshot scan";
                try (Snapshot s = db.snapshot()) {
                    sum = sumByScan(s);
                }
            }
            case 1 -> {
                how = "snapshot getBatch";
                try (Snapshot s = db.snapshot()) {
                    sum = sumByBatch(s);
                }
            }
            case 2 -> {
                how = "read-only transaction gets";
                try (Transaction tx = db.begin(TransactionOptions.readOnlyDefaults())) {
                    sum = 0;
                    for (int i = 0; i < ACCOUNTS; i++) {
                        sum += Long.parseLong(tx.get(account(i)));
                    }
                    tx.commit();
                }
            }
            default -> {
                how = "serializable transaction reverse scan";
                try (Transaction tx = db.begin(TransactionOptions.builder()
                        .isolation(IsolationLevel.SERIALIZABLE)
                        .build())) {
                    sum = sumByScan(tx, KeyRange.prefix("account:").reverse());
                }
            }
        }
        if (sum != TOTAL) {
            violations.add(how + " in audit " + round + " saw total " + sum);
        }
    }

    private static long sumByScan(ReadOperations reads) {
        return sumByScan(reads, KeyRange.prefix("account:"));
    }

    private static long sumByScan(ReadOperations reads, KeyRange range) {
        Map<String, String> accounts = scan(reads, range);
        if (accounts.size() != ACCOUNTS) {
            return -accounts.size();
        }
        long sum = 0;
        for (String v : accounts.values()) {
            long balance = Long.parseLong(v);
            if (balance < 0) {
                return Long.MIN_VALUE;
            }
            sum += balance;
        }
        return sum;
    }

    private static long sumByBatch(ReadOperations reads) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            keys.add(bytes(account(i)));
        }
        long sum = 0;
        for (byte[] v : reads.getBatch(keys)) {
            sum += Long.parseLong(string(v));
        }
        return sum;
    }

    /** Checks the invariant on a quiet database and returns the transfer counter of each thread. */
    private static Map<Integer, Long> checkBank(LightningDb db, String when) {
        assertThat(db.get("bank:initialised")).as(when).isEqualTo("yes");
        Map<String, String> accounts = scan(db, KeyRange.prefix("account:"));
        assertThat(accounts).as(when).hasSize(ACCOUNTS);
        long sum = 0;
        for (Map.Entry<String, String> e : accounts.entrySet()) {
            long balance = Long.parseLong(e.getValue());
            assertThat(balance).as("%s: balance of %s", when, e.getKey()).isNotNegative();
            sum += balance;
        }
        assertThat(sum).as("total %s", when).isEqualTo(TOTAL);
        assertThat(sumByBatch(db)).as("total by getBatch %s", when).isEqualTo(TOTAL);
        Map<Integer, Long> counters = new HashMap<>();
        for (Map.Entry<String, String> e :
                scan(db, KeyRange.prefix("transfers:")).entrySet()) {
            counters.put(Integer.parseInt(e.getKey().substring("transfers:".length())), Long.parseLong(e.getValue()));
        }
        return counters;
    }

    // ---------------------------------------------------------------- crash

    /**
     * A child JVM runs transfers and acknowledges each commit; the parent kills it at a random
     * moment, reopens, and checks the total and that every acknowledged transfer is there: each
     * thread's counter is at least its last acknowledged value, and at most one more (the commit
     * that may have landed just before the kill, unacknowledged).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = WalSyncMode.class,
            names = {"SYNC", "NORMAL"})
    void totalSurvivesSigkillDuringTransfers(WalSyncMode mode) {
        long seed = Long.getLong("lightning.bank.seed", new Random().nextLong());
        Random random = new Random(seed);
        Map<Integer, Long> durable = new HashMap<>(); // per thread: counter known to be on disk
        int round = 0;
        try {
            for (; round < CRASH_ROUNDS; round++) {
                int acksBeforeKill = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(400);
                Map<Integer, Long> acked = runUntilKilled(mode, random.nextLong(), acksBeforeKill);
                try (LightningDb db = LightningDb.open(dir, BankWorker.config(mode))) {
                    Map<Integer, Long> recovered = checkBank(db, "after SIGKILL in round " + round);
                    for (int t = 0; t < TRANSFER_THREADS; t++) {
                        long before = durable.getOrDefault(t, 0L);
                        long ack = Math.max(before, acked.getOrDefault(t, 0L));
                        long found = recovered.getOrDefault(t, 0L);
                        assertThat(found)
                                .as("transfers of thread %d: acknowledged %d, recovered", t, ack)
                                .isBetween(ack, ack + 1);
                        durable.put(t, found);
                    }
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(
                    "bank crash test failed: mode " + mode + ", seed " + seed + ", round " + round
                            + " (rerun with -Dlightning.bank.seed=" + seed + ")",
                    e);
        }
    }

    /** Runs a worker until it acknowledged {@code acks} transfers, kills it, returns the last ack per thread. */
    private Map<Integer, Long> runUntilKilled(WalSyncMode mode, long seed, int acks) {
        Map<Integer, Long> acked = new HashMap<>();
        try (ChildJvm child = ChildJvm.start(
                BankWorker.class,
                dir.toString(),
                mode.name(),
                Integer.toString(TRANSFER_THREADS),
                Long.toString(seed))) {
            String ready = child.readLine(LINE_TIMEOUT);
            assertThat(ready).as("first line of the worker%s", child.describe()).isEqualTo("READY;");
            int seen = 0;
            while (seen < acks) {
                String line = child.readLine(LINE_TIMEOUT);
                if (line == null || !line.endsWith(";")) {
                    throw new AssertionError("worker output ended early: " + line + child.describe());
                }
                recordAck(line, acked);
                seen++;
            }
            child.kill();
            // Acknowledgements the worker printed before it died count too; a cut-off last line does not.
            String line;
            while ((line = child.readLine(LINE_TIMEOUT)) != null) {
                if (line.endsWith(";")) {
                    recordAck(line, acked);
                }
            }
        }
        return acked;
    }

    private static void recordAck(String line, Map<Integer, Long> acked) {
        String[] parts = line.substring(0, line.length() - 1).split(" ");
        assertThat(parts[0]).as("worker line %s", line).isEqualTo("A");
        int thread = Integer.parseInt(parts[1]);
        long n = Long.parseLong(parts[2]);
        Long previous = acked.put(thread, n);
        if (previous != null) {
            assertThat(n).as("acknowledgements of thread %d in order", thread).isEqualTo(previous + 1);
        }
    }
}
