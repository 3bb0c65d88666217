package io.lightningdb.spring.data.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.test.Account;
import io.lightningdb.spring.data.test.AccountRepository;
import io.lightningdb.spring.data.test.BankService;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;

/** Concurrent @Transactional transfers, retried on conflict, never create or destroy money. */
class MoneyTransferTest extends SpringTestBase {
    private static final int ACCOUNTS = 5;
    private static final long INITIAL = 1_000;

    @Autowired
    BankService bank;

    @Autowired
    AccountRepository accounts;

    @Test
    void concurrentTransfersKeepTheTotal() throws Exception {
        accounts.saveAll(IntStream.range(0, ACCOUNTS)
                .mapToObj(i -> new Account("acc" + i, "bank", INITIAL))
                .toList());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> observedTotals = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> auditor = pool.submit(() -> {
                while (running.get()) {
                    synchronized (observedTotals) {
                        observedTotals.add(bank.total());
                    }
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long seed = w;
                workers.add(pool.submit(() -> transferRandomly(new Random(seed), 40)));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            running.set(false);
            auditor.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(bank.total()).isEqualTo(ACCOUNTS * INITIAL);
        assertThat(observedTotals).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(ACCOUNTS * INITIAL));
        long versions =
                accounts.findAll().stream().mapToLong(Account::getVersion).sum();
        assertThat(versions).isEqualTo(2L * 4 * 40); // every committed transfer bumped two versions
    }

    private void transferRandomly(Random random, int transfers) {
        for (int i = 0; i < transfers; i++) {
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(50);
            while (true) {
                try {
                    bank.transfer("acc" + from, "acc" + to, amount);
                    break;
                } catch (ConcurrencyFailureException conflict) {
                    // another transfer committed first: nothing was written, run it again
                }
            }
        }
    }
}
