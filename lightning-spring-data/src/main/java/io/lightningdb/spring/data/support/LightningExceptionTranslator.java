package io.lightningdb.spring.data.support;

import io.lightningdb.CorruptionException;
import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DatabaseLockedException;
import io.lightningdb.LightningException;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionLimitException;
import io.lightningdb.TransactionTimeoutException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Maps engine exceptions to Spring's {@link DataAccessException} hierarchy:
 *
 * <table>
 *   <caption>Translation</caption>
 *   <tr><th>engine</th><th>Spring</th><th>why</th></tr>
 *   <tr><td>{@code TransactionConflictException}</td><td>{@link OptimisticLockingFailureException}</td>
 *       <td>an optimistic commit lost a race: a {@code ConcurrencyFailureException}, retryable</td></tr>
 *   <tr><td>{@code TransactionTimeoutException}</td><td>{@link QueryTimeoutException}</td><td>transient</td></tr>
 *   <tr><td>{@code TransactionLimitException}</td><td>{@link TransientDataAccessResourceException}</td>
 *       <td>retry once other transactions finish</td></tr>
 *   <tr><td>{@code DatabaseClosedException}, {@code DatabaseLockedException}, other I/O failures</td>
 *       <td>{@link DataAccessResourceFailureException}</td><td>the store is unavailable</td></tr>
 *   <tr><td>{@code CorruptionException}</td><td>{@link NonTransientDataAccessResourceException}</td>
 *       <td>retrying cannot help; restore a backup</td></tr>
 *   <tr><td>{@code IllegalArgumentException}, {@code IllegalStateException}, {@code NullPointerException}</td>
 *       <td>{@link InvalidDataAccessApiUsageException}</td><td>bad input such as an oversized key</td></tr>
 * </table>
 *
 * Register it as a bean to have {@code @Repository} classes translated by {@code
 * PersistenceExceptionTranslationPostProcessor}; the template and repositories use it already.
 */
public class LightningExceptionTranslator implements PersistenceExceptionTranslator {

    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (ex instanceof DataAccessException dae) {
            return dae;
        }
        String message = ex.getMessage();
        if (ex instanceof TransactionConflictException) {
            return new OptimisticLockingFailureException(message, ex);
        }
        if (ex instanceof TransactionTimeoutException) {
            return new QueryTimeoutException(message, ex);
        }
        if (ex instanceof TransactionLimitException) {
            return new TransientDataAccessResourceException(message, ex);
        }
        if (ex instanceof CorruptionException) {
            return new NonTransientDataAccessResourceException(message, ex);
        }
        if (ex instanceof DatabaseClosedException
                || ex instanceof DatabaseLockedException
                || ex instanceof LightningException) {
            return new DataAccessResourceFailureException(message, ex);
        }
        if (ex instanceof IllegalArgumentException
                || ex instanceof IllegalStateException
                || ex instanceof NullPointerException) {
            return new InvalidDataAccessApiUsageException(message, ex);
        }
        return null;
    }
}
