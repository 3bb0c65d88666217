package io.lightningdb.spring.data.transaction;

import io.lightningdb.IsolationLevel;
import io.lightningdb.LightningDb;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionOptions;
import io.lightningdb.TransactionTimeoutException;
import io.lightningdb.spring.data.support.LightningExceptionTranslator;
import java.time.Duration;
import java.util.Objects;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@code PlatformTransactionManager} that runs each Spring transaction as one optimistic engine
 * {@link Transaction} bound to the thread, which {@code LightningTemplate} and repositories join.
 *
 * <pre>{@code
 * @Bean
 * LightningTransactionManager transactionManager(LightningDb db) {
 *     return new LightningTransactionManager(db);
 * }
 *
 * @Transactional
 * public void transfer(String from, String to, long amount) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>Isolation: {@code DEFAULT} and {@code REPEATABLE_READ} run with snapshot isolation (reads
 *       see the snapshot taken at begin; a commit fails if another commit wrote the same keys
 *       since); {@code SERIALIZABLE} also fails the commit if a key it read or a range it scanned
 *       changed. {@code READ_UNCOMMITTED} and {@code READ_COMMITTED} are rejected with {@link
 *       InvalidIsolationLevelException}: the engine never shows uncommitted or newer committed data
 *       inside a transaction, and silently upgrading would hide that behaviour from the caller.
 *   <li>{@code readOnly = true} begins a read-only engine transaction (a snapshot); writes in it
 *       fail with {@code InvalidDataAccessApiUsageException}.
 *   <li>Timeouts become the engine transaction's timeout: past it the commit fails with {@link
 *       TransactionTimedOutException}.
 *   <li>A conflicting commit fails with {@code OptimisticLockingFailureException} (a {@code
 *       ConcurrencyFailureException}); nothing of the transaction is applied and the whole
 *       transactional method can be retried.
 *   <li>Propagation follows {@link AbstractPlatformTransactionManager}: REQUIRED, REQUIRES_NEW
 *       (suspends the outer engine transaction), SUPPORTS, NOT_SUPPORTED, MANDATORY, NEVER; NESTED is
 *       not supported (the engine has no savepoints).
 * </ul>
 */
public class LightningTransactionManager extends AbstractPlatformTransactionManager
        implements ResourceTransactionManager {
    private static final long serialVersionUID = 1L;
    private final transient LightningDb db;
    private final transient LightningExceptionTranslator translator = new LightningExceptionTranslator();

    /** A transaction manager for {@code db}. */
    public LightningTransactionManager(LightningDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The database whose transactions this manager runs. */
    public LightningDb getDatabase() {
        return db;
    }

    @Override
    public Object getResourceFactory() {
        return db;
    }

    @Override
    protected Object doGetTransaction() {
        return new TransactionObject(LightningResourceHolder.current(db));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((TransactionObject) transaction).holder != null;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        TransactionOptions options = TransactionOptions.builder()
                .readOnly(definition.isReadOnly())
                .isolation(isolation(definition.getIsolationLevel()))
                .timeout(timeout(definition))
                .build();
        Transaction tx;
        try {
            tx = db.begin(options);
        } catch (RuntimeException e) {
            throw new CannotCreateTransactionException("Could not begin a Lightning transaction: " + e.getMessage(), e);
        }
        LightningResourceHolder holder = new LightningResourceHolder(tx);
        holder.setSynchronizedWithTransaction(true);
        if (options.timeout() != null) {
            holder.setTimeoutInSeconds((int) options.timeout().toSeconds());
        }
        ((TransactionObject) transaction).holder = holder;
        TransactionSynchronizationManager.bindResource(db, holder);
    }

    private static IsolationLevel isolation(int level) {
        return switch (level) {
            case TransactionDefinition.ISOLATION_DEFAULT, TransactionDefinition.ISOLATION_REPEATABLE_READ ->
                IsolationLevel.SNAPSHOT;
            case TransactionDefinition.ISOLATION_SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
            default ->
                throw new InvalidIsolationLevelException("Lightning supports isolation DEFAULT, REPEATABLE_READ"
                        + " (snapshot isolation) and SERIALIZABLE; READ_UNCOMMITTED and READ_COMMITTED are not offered"
                        + " because reads inside a transaction always see its begin snapshot (level " + level + ")");
        };
    }

    private Duration timeout(TransactionDefinition definition) {
        int seconds = determineTimeout(definition);
        return seconds == TransactionDefinition.TIMEOUT_DEFAULT ? null : Duration.ofSeconds(seconds);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Transaction tx = ((TransactionObject) status.getTransaction()).holder.getTransaction();
        try {
            tx.commit();
        } catch (TransactionTimeoutException e) {
            throw new TransactionTimedOutException(e.getMessage());
        } catch (RuntimeException e) {
            DataAccessException translated = translator.translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        Transaction tx = ((TransactionObject) status.getTransaction()).holder.getTransaction();
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException e) {
            throw new TransactionSystemException("Could not roll back the Lightning transaction", e);
        }
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        ((TransactionObject) status.getTransaction()).holder.setRollbackOnly();
    }

    @Override
    protected Object doSuspend(Object transaction) {
        ((TransactionObject) transaction).holder = null;
        return TransactionSynchronizationManager.unbindResource(db);
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {
        TransactionSynchronizationManager.bindResource(db, suspendedResources);
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        TransactionObject txObject = (TransactionObject) transaction;
        TransactionSynchronizationManager.unbindResourceIfPossible(db);
        txObject.holder.getTransaction().close();
        txObject.holder.clear();
        txObject.holder = null;
    }

    /** The per-transaction state AbstractPlatformTransactionManager passes around. */
    private static final class TransactionObject implements SmartTransactionObject {
        private LightningResourceHolder holder;

        TransactionObject(LightningResourceHolder holder) {
            this.holder = holder;
        }

        @Override
        public boolean isRollbackOnly() {
            return holder != null && holder.isRollbackOnly();
        }

        @Override
        public void flush() {
            // writes are buffered in the engine transaction until commit; nothing to flush
        }
    }
}
