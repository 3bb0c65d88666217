package io.lightningdb.spring.data.core;

import io.lightningdb.Transaction;

/**
 * Work run by {@link LightningTemplate#execute(LightningCallback)} with the engine transaction of
 * the current Spring transaction, or a new one committed when the callback returns.
 *
 * <pre>{@code
 * long total = template.execute(tx -> {
 *     template.save(order);                  // joins tx
 *     tx.put(rawKey, rawValue);              // raw engine access in the same transaction
 *     return template.count(Order.class);
 * });
 * }</pre>
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface LightningCallback<R> {
    R doInLightning(Transaction transaction);
}
