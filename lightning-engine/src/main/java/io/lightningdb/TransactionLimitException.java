package io.lightningdb;

/**
 * {@link LightningConfig#maxActiveTransactions()} transactions are already open; close some (every
 * transaction must be committed, rolled back or closed) or raise the limit.
 */
public class TransactionLimitException extends LightningException {
    private static final long serialVersionUID = 1L;

    public TransactionLimitException(int limit) {
        super("Too many active transactions: the limit max-active-transactions is " + limit);
    }
}
