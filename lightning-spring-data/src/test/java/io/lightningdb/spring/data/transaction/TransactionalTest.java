package io.lightningdb.spring.data.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.test.Account;
import io.lightningdb.spring.data.test.AccountRepository;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.PersonService;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionalTest extends SpringTestBase {
    private static final byte[] PERSON_INDEX = KeyCodec.indexPrefix("person");

    @Autowired
    PersonService service;

    @Autowired
    PersonRepository people;

    @Autowired
    AccountRepository accounts;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void commitMakesEveryWriteVisible() {
        service.saveAll(List.of(new Person("a", "A", "Lee", 1), new Person("b", "B", "Lee", 2)));
        assertThat(people.findByLastName("Lee")).hasSize(2);
    }

    @Test
    void rollbackDiscardsEntitiesAndIndexEntries() {
        assertThatThrownBy(() -> service.saveThenFail(new Person("a", "A", "Lee", 1)))
                .hasMessage("boom");
        assertThat(people.findById("a")).isEmpty();
        assertThat(people.findByLastName("Lee")).isEmpty();
        assertThat(rawCount(PERSON_INDEX)).isZero();
    }

    @Test
    void queriesInsideATransactionSeeItsOwnWrites() {
        people.saveAll(List.of(new Person("a", "A", "Lee", 1), new Person("b", "B", "Lee", 2)));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            people.deleteById("a");
            people.save(new Person("c", "C", "Lee", 3));
            Person b = people.findById("b").orElseThrow();
            b.setLastName("Kim");
            people.save(b);

            assertThat(people.findAll()).extracting(Person::getId).containsExactly("b", "c");
            assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("c");
            assertThat(people.findByFirstNameOrCity("B", "nowhere"))
                    .extracting(Person::getLastName)
                    .containsExactly("Kim");
            assertThat(people.countByLastName("Kim")).isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("a", "b");
    }

    @Test
    void readOnlyTransactionsReadButRejectWrites() {
        people.save(new Person("a", "A", "Lee", 1));
        assertThat(service.findReadOnly("Lee")).hasSize(1);
        assertThatThrownBy(() -> service.saveReadOnly(new Person("b", "B", "Lee", 2)))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("read-only");
        assertThat(people.count()).isEqualTo(1);
    }

    @Test
    void readOnlyTransactionsReadOneSnapshot() throws Exception {
        people.save(new Person("a", "A", "Lee", 1));
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        List<Long> counts = readOnly.execute(status -> {
            long before = people.count();
            CompletableFuture.runAsync(() -> people.save(new Person("b", "B", "Lee", 2)))
                    .join();
            return List.of(
                    before, people.count(), (long) people.findByLastName("Lee").size());
        });
        assertThat(counts).containsExactly(1L, 1L, 1L);
        assertThat(people.count()).isEqualTo(2);
    }

    @Test
    void requiresNewCommitsIndependentlyOfTheOuterTransaction() {
        assertThatThrownBy(() -> service.saveWithIndependentInnerThenFail(
                        new Person("outer", "O", "Lee", 1), new Person("inner", "I", "Lee", 2)))
                .hasMessage("outer fails");
        assertThat(people.findAll()).extracting(Person::getId).containsExactly("inner");
    }

    @Test
    void nestedRequiredCallsJoinAndSeeUncommittedWrites() {
        assertThat(service.saveWithJoiningInner(new Person("outer", "O", "Lee", 1), new Person("inner", "I", "Lee", 2)))
                .isPresent();
        assertThat(people.count()).isEqualTo(2);
    }

    @Test
    void aFailedJoinedCallRollsBackTheWholeTransaction() {
        assertThatThrownBy(() -> service.saveSwallowingInnerFailure(
                        new Person("outer", "O", "Lee", 1), new Person("inner", "I", "Lee", 2)))
                .isInstanceOf(UnexpectedRollbackException.class);
        assertThat(people.count()).isZero();
        assertThat(rawCount(PERSON_INDEX)).isZero();
    }

    @Test
    void concurrentConflictingTransactionsFailWithConcurrencyFailure() throws Exception {
        accounts.save(new Account("a", "ann", 100));
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            Account a = accounts.findById("a").orElseThrow();
            a.setBalance(a.getBalance() + 1);
            accounts.save(a);
            firstWrote.countDown();
            await(secondCommitted);
        }));
        await(firstWrote);
        tx.executeWithoutResult(status -> {
            Account a = accounts.findById("a").orElseThrow();
            a.setBalance(a.getBalance() + 10);
            accounts.save(a);
        });
        secondCommitted.countDown();

        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ConcurrencyFailureException.class);
        assertThat(accounts.findById("a").orElseThrow().getBalance()).isEqualTo(110);
    }

    @Test
    void serializablePreventsWriteSkewThatSnapshotIsolationAllows() {
        assertThat(writeSkew(TransactionDefinition.ISOLATION_DEFAULT)).isNull();
        assertThat(writeSkew(TransactionDefinition.ISOLATION_SERIALIZABLE))
                .isInstanceOf(ConcurrencyFailureException.class);
    }

    /** Two transactions each read both accounts and withdraw from a different one. */
    private Throwable writeSkew(int isolation) {
        accounts.saveAll(List.of(new Account("x", "ann", 50), new Account("y", "ann", 50)));
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.setIsolationLevel(isolation);
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            withdrawIfCovered("x");
            firstRead.countDown();
            await(secondDone);
        }));
        await(firstRead);
        tx.executeWithoutResult(s -> withdrawIfCovered("y"));
        secondDone.countDown();
        try {
            first.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause();
        } finally {
            accounts.deleteAll();
        }
    }

    private void withdrawIfCovered(String id) {
        long total = accounts.findByOwner("ann").stream()
                .mapToLong(Account::getBalance)
                .sum();
        if (total >= 100) {
            Account a = accounts.findById(id).orElseThrow();
            a.setBalance(a.getBalance() - 100);
            accounts.save(a);
        }
    }

    @Test
    void unsupportedIsolationLevelsAreRejected() {
        assertThatThrownBy(service::readCommitted)
                .isInstanceOf(InvalidIsolationLevelException.class)
                .hasMessageContaining("SERIALIZABLE");
    }

    @Test
    void transactionsPastTheirTimeoutCannotCommit() {
        assertThatThrownBy(() -> service.saveAndOverrunTimeout(new Person("a", "A", "Lee", 1), Duration.ofSeconds(6)))
                .isInstanceOf(TransactionTimedOutException.class);
        assertThat(people.count()).isZero();
    }

    @Test
    void propagationRules() {
        assertThatThrownBy(service::mandatory).isInstanceOf(IllegalTransactionStateException.class);

        TransactionTemplate outer = new TransactionTemplate(transactionManager);
        TransactionTemplate never = new TransactionTemplate(transactionManager);
        never.setPropagationBehavior(TransactionDefinition.PROPAGATION_NEVER);
        assertThatThrownBy(() -> outer.executeWithoutResult(s -> never.executeWithoutResult(t -> {})))
                .isInstanceOf(IllegalTransactionStateException.class);

        TransactionTemplate notSupported = new TransactionTemplate(transactionManager);
        notSupported.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        outer.executeWithoutResult(s -> {
            people.save(new Person("in-tx", "A", "Lee", 1));
            notSupported.executeWithoutResult(t -> people.save(new Person("suspended", "B", "Lee", 2)));
            assertThat(people.findById("suspended")).isEmpty(); // committed after this transaction's snapshot
            s.setRollbackOnly();
        });
        assertThat(people.findAll()).extracting(Person::getId).containsExactly("suspended");

        TransactionTemplate supports = new TransactionTemplate(transactionManager);
        supports.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        supports.executeWithoutResult(s -> people.save(new Person("auto", "C", "Lee", 3)));
        assertThat(people.existsById("auto")).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
