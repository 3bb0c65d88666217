package io.lightningdb.spring.data.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.CorruptionException;
import io.lightningdb.DatabaseClosedException;
import io.lightningdb.DatabaseLockedException;
import io.lightningdb.LightningDb;
import io.lightningdb.LightningException;
import io.lightningdb.TransactionConflictException;
import io.lightningdb.TransactionLimitException;
import io.lightningdb.TransactionTimeoutException;
import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.test.Person;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;

class LightningExceptionTranslatorTest {
    private final LightningExceptionTranslator translator = new LightningExceptionTranslator();

    @Test
    void mapsEveryEngineErrorToAFittingDataAccessException() {
        assertThat(translator.translateExceptionIfPossible(new TransactionConflictException(new byte[] {1})))
                .isInstanceOf(ConcurrencyFailureException.class)
                .isInstanceOf(TransientDataAccessException.class);
        assertThat(translator.translateExceptionIfPossible(new TransactionTimeoutException("late")))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(translator.translateExceptionIfPossible(new TransactionLimitException(3)))
                .isInstanceOf(TransientDataAccessResourceException.class);
        assertThat(translator.translateExceptionIfPossible(new CorruptionException(Path.of("x"), 7, "bad crc")))
                .isInstanceOf(NonTransientDataAccessResourceException.class);
        assertThat(translator.translateExceptionIfPossible(new DatabaseClosedException("closed")))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translator.translateExceptionIfPossible(new DatabaseLockedException(Path.of("d"))))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translator.translateExceptionIfPossible(new LightningException("io")))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translator.translateExceptionIfPossible(new IllegalArgumentException("key too large")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThat(translator.translateExceptionIfPossible(new UnsupportedOperationException()))
                .isNull();
    }

    @Test
    void templateCallsOnAClosedDatabaseFailAsResourceFailures(@TempDir Path dir) {
        LightningDb db = LightningDb.open(dir);
        LightningTemplate template = new LightningTemplate(db);
        db.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> template.findById("p1", Person.class))
                .isInstanceOf(DataAccessResourceFailureException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> template.save(new Person("p1", "A", "B", 1)))
                .isInstanceOf(DataAccessResourceFailureException.class);
    }
}
