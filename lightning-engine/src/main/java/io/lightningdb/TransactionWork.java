package io.lightningdb;

/**
 * Work run inside a transaction by {@link LightningDb#inTransaction(TransactionWork)}. It may run
 * more than once when commits conflict, so it should only touch the database through {@code tx}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Transaction tx);
}
