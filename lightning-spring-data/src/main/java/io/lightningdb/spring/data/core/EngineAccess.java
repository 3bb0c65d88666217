package io.lightningdb.spring.data.core;

import io.lightningdb.LightningDb;
import io.lightningdb.ReadOperations;
import io.lightningdb.Transaction;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.spring.data.support.LightningExceptionTranslator;
import io.lightningdb.spring.data.transaction.LightningResourceHolder;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the template reaches the engine: through the thread's transaction when one is bound (by
 * {@code LightningTransactionManager} or {@link #execute}), otherwise through short engine
 * transactions of its own; every engine exception leaves as a {@link DataAccessException}.
 */
final class EngineAccess {
    /** Conflicts a template write outside a Spring transaction absorbs before giving up. */
    private static final int MAX_WRITE_ATTEMPTS = 10;

    private final LightningDb db;
    private final LightningExceptionTranslator translator = new LightningExceptionTranslator();

    EngineAccess(LightningDb db) {
        this.db = db;
    }

    /** The engine view reads go to: the thread's transaction, or the database itself. */
    ReadOperations reads() {
        LightningResourceHolder holder = LightningResourceHolder.current(db);
        return holder != null ? holder.getTransaction() : db;
    }

    /**
     * Runs {@code work} in the thread's transaction, or in a new one committed at once and re-run
     * on conflict (the work re-reads everything, so a retry is a clean redo).
     */
    <R> R write(Function<Transaction, R> work) {
        LightningResourceHolder holder = LightningResourceHolder.current(db);
        if (holder != null) {
            if (holder.isReadOnly()) {
                throw new InvalidDataAccessApiUsageException("Cannot write inside a read-only transaction");
            }
            return translate(() -> work.apply(holder.getTransaction()));
        }
        return translate(() -> {
            for (int attempt = 1; ; attempt++) {
                try (Transaction tx = db.begin()) {
                    R result = work.apply(tx);
                    tx.commit();
                    return result;
                } catch (TransactionConflictException e) {
                    if (attempt == MAX_WRITE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    /** Runs {@code callback} in the thread's transaction, or in a new one bound for its duration. */
    <R> R execute(LightningCallback<R> callback) {
        LightningResourceHolder current = LightningResourceHolder.current(db);
        if (current != null) {
            return translate(() -> callback.doInLightning(current.getTransaction()));
        }
        return translate(() -> {
            try (Transaction tx = db.begin()) {
                TransactionSynchronizationManager.bindResource(db, new LightningResourceHolder(tx));
                try {
                    R result = callback.doInLightning(tx);
                    tx.commit();
                    return result;
                } finally {
                    TransactionSynchronizationManager.unbindResource(db);
                }
            }
        });
    }

    /** Runs {@code action}, translating engine exceptions. */
    <R> R translate(Supplier<R> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            DataAccessException translated = translator.translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
    }

    /** A stream whose engine failures while iterating surface as {@link DataAccessException}s. */
    <T> Stream<T> translating(Stream<T> source) {
        Spliterator<T> inner = source.spliterator();
        Spliterator<T> outer = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                return translate(() -> inner.tryAdvance(action));
            }
        };
        return StreamSupport.stream(outer, false).onClose(source::close);
    }
}
