package io.lightningdb.sample.accounts;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one transfer as one engine transaction: both balances change, or neither. Reads see the
 * snapshot taken when the transaction began; if another transfer commits a change to either account
 * first, this commit fails with a {@code ConcurrencyFailureException} and changes nothing.
 */
@Component
class Ledger {
    private final AccountRepository accounts;

    Ledger(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional
    void move(String from, String to, long amount) {
        Account source = accounts.findById(from).orElseThrow(() -> new AccountNotFoundException(from));
        Account target = accounts.findById(to).orElseThrow(() -> new AccountNotFoundException(to));
        source.withdraw(amount);
        target.deposit(amount);
        accounts.saveAll(List.of(source, target));
    }
}
