package io.lightningdb.sample.accounts;

import java.util.List;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves money between accounts. Each transfer is one engine transaction: both balances change, or
 * neither. When a concurrent transfer touched the same accounts first, the commit fails with a
 * {@link ConcurrencyFailureException} and the whole method runs again on fresh data.
 */
@Service
public class TransferService {
    private final AccountRepository accounts;

    public TransferService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * Transfers {@code amount} cents.
     *
     * @throws InsufficientFundsException if {@code from} holds less than {@code amount} (not retried)
     * @throws AccountNotFoundException if either account is missing
     */
    @Retryable(
            includes = ConcurrencyFailureException.class,
            maxRetries = 20,
            delay = 5,
            jitter = 4,
            multiplier = 2,
            maxDelay = 200)
    @Transactional
    public void transfer(String from, String to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot transfer from an account to itself");
        }
        Account source = accounts.findById(from).orElseThrow(() -> new AccountNotFoundException(from));
        Account target = accounts.findById(to).orElseThrow(() -> new AccountNotFoundException(to));
        source.withdraw(amount);
        target.deposit(amount);
        accounts.saveAll(List.of(source, target));
    }
}
