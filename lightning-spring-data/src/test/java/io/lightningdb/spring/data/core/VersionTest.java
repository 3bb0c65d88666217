package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.test.Account;
import io.lightningdb.spring.data.test.AccountRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;

class VersionTest extends SpringTestBase {
    @Autowired
    AccountRepository accounts;

    @Test
    void versionsStartAtZeroAndIncrement() {
        Account a = accounts.save(new Account("a", "ann", 10));
        assertThat(a.getVersion()).isZero();
        a.setBalance(20);
        assertThat(accounts.save(a).getVersion()).isEqualTo(1);
        assertThat(accounts.findById("a").orElseThrow().getVersion()).isEqualTo(1);
    }

    @Test
    void staleSavesFailAndChangeNothing() {
        accounts.save(new Account("a", "ann", 10));
        Account first = accounts.findById("a").orElseThrow();
        Account second = accounts.findById("a").orElseThrow();
        first.setBalance(20);
        accounts.save(first);

        second.setBalance(30);
        second.setOwner("bob");
        assertThatThrownBy(() -> accounts.save(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(accounts.findById("a").orElseThrow().getBalance()).isEqualTo(20);
        assertThat(accounts.findByOwner("bob")).isEmpty();
        assertThat(second.getVersion()).isZero(); // the failed save left the caller's copy alone
    }

    @Test
    void aNewEntityCannotOverwriteAStoredOne() {
        accounts.save(new Account("a", "ann", 10));
        assertThatThrownBy(() -> accounts.save(new Account("a", "eve", 99)))
                .isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void staleDeletesFail() {
        Account stale = accounts.save(new Account("a", "ann", 10));
        Account stored = accounts.findById("a").orElseThrow();
        stored.setBalance(11);
        accounts.save(stored);
        Account outdated = new Account("a", "ann", 10);
        outdated.setVersion(stale.getVersion());

        assertThatThrownBy(() -> accounts.delete(outdated)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(accounts.existsById("a")).isTrue();
        accounts.delete(accounts.findById("a").orElseThrow());
        assertThat(accounts.existsById("a")).isFalse();
    }
}
