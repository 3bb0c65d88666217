package io.lightningdb.sample.accounts;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;

/**
 * Moves money between accounts, retrying transfers that lost a race. The retry lives on this bean
 * and the transaction on {@link Ledger}, so every attempt runs a fresh transaction on fresh data
 * (retrying inside the transaction that conflicted could never succeed).
 */
@Service
public class TransferService {
    private final Ledger ledger;

    TransferService(Ledger ledger) {
        this.ledger = ledger;
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
    public void transfer(String from, String to, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot transfer from an account to itself");
        }
        ledger.move(from, to, amount);
    }
}
