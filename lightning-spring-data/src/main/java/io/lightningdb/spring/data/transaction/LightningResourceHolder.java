package io.lightningdb.spring.data.transaction;

import io.lightningdb.LightningDb;
import io.lightningdb.Transaction;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine {@link Transaction} bound to the current thread, keyed by its {@link LightningDb} in
 * {@link TransactionSynchronizationManager}. The template and repositories look it up to join the
 * transaction.
 */
public final class LightningResourceHolder extends ResourceHolderSupport {
    private final Transaction transaction;

    /** Holds {@code transaction}. */
    public LightningResourceHolder(Transaction transaction) {
        this.transaction = transaction;
    }

    /** The engine transaction. */
    public Transaction getTransaction() {
        return transaction;
    }

    /** Whether the transaction rejects writes. */
    public boolean isReadOnly() {
        return transaction.options().readOnly();
    }

    /** The holder bound to the current thread for {@code db}, or null outside a transaction. */
    public static LightningResourceHolder current(LightningDb db) {
        return (LightningResourceHolder) TransactionSynchronizationManager.getResource(db);
    }
}
