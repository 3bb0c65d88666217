package io.lightningdb.txn;

import io.lightningdb.IsolationLevel;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.TransactionOptions;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import io.lightningdb.testutil.ChildJvm;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link BankInvariantTest}: opens (or creates) the bank, then runs transfers on
 * several threads until it is killed. Each transfer is one transaction that moves money between two
 * accounts and increments its thread's transfer counter.
 *
 * <p>Usage: {@code BankWorker <dir> <SYNC|NORMAL> <threads> <seed>}. Protocol on stdout, one line
 * each, ending with {@code ;} so that a line cut short by the kill can be recognised:
 *
 * <pre>
 * READY;
 * A &lt;thread&gt; &lt;counter&gt;;   the transfer that set the thread's counter to this value committed
 * </pre>
 */
public final class BankWorker {
    static final int ACCOUNTS = 20;
    static final long INITIAL_BALANCE = 1_000;
    static final long TOTAL = ACCOUNTS * INITIAL_BALANCE;

    private BankWorker() {}

    static LightningConfig config(WalSyncMode mode) {
        return LightningConfig.builder()
                .walSyncMode(mode)
                .walSyncInterval(Duration.ofMillis(20))
                .writeBufferSize(16 * 1024)
                .targetFileSize(16 * 1024)
                .levelBaseSize(64 * 1024)
                .walSegmentSize(64 * 1024)
                .build();
    }

    static String account(int i) {
        return String.format("account:%02d", i);
    }

    static String counter(int thread) {
        return "transfers:" + thread;
    }

    /** Creates the accounts in one atomic batch, unless the bank exists. */
    static void initialise(LightningDb db) {
        if (db.get("bank:initialised") != null) {
            return;
        }
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < ACCOUNTS; i++) {
            batch.put(account(i), Long.toString(INITIAL_BALANCE));
        }
        batch.put("bank:initialised", "yes");
        db.write(batch);
    }

    /**
     * One random transfer of up to 100 between two accounts (never overdrawing), plus the thread's
     * counter, in a transaction with retries. Returns the new counter value.
     */
    static long transfer(LightningDb db, Random random, int thread) {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long wanted = 1 + random.nextInt(100);
        IsolationLevel isolation = random.nextInt(4) == 0 ? IsolationLevel.SERIALIZABLE : IsolationLevel.SNAPSHOT;
        TransactionOptions options =
                TransactionOptions.builder().isolation(isolation).build();
        return db.inTransaction(options, 10_000, tx -> {
            long fromBalance = Long.parseLong(tx.get(account(from)));
            long toBalance = Long.parseLong(tx.get(account(to)));
            String c = tx.get(counter(thread));
            long next = (c == null ? 0 : Long.parseLong(c)) + 1;
            long amount = Math.min(wanted, fromBalance);
            tx.put(account(from), Long.toString(fromBalance - amount));
            tx.put(account(to), Long.toString(toBalance + amount));
            tx.put(counter(thread), Long.toString(next));
            return next;
        });
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = ChildJvm.protocolOut();
        Path dir = Path.of(args[0]);
        WalSyncMode mode = WalSyncMode.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);

        // Never closed: the parent kills this JVM.
        LightningDb db = LightningDb.open(dir, config(mode));
        initialise(db);
        out.println("READY;");
        out.flush();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        Random random = new Random(seed * 31 + thread);
                        while (true) {
                            long n = transfer(db, random, thread);
                            synchronized (out) {
                                out.println("A " + thread + " " + n + ";");
                                out.flush();
                            }
                        }
                    },
                    "transfer-" + t);
            worker.setUncaughtExceptionHandler((th, e) -> {
                e.printStackTrace();
                System.exit(3);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
