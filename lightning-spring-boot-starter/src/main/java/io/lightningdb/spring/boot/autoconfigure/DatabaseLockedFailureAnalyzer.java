package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.DatabaseLockedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed because another process (or context) holds the database open. */
class DatabaseLockedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseLockedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseLockedException cause) {
        return new FailureAnalysis(
                "The Lightning database could not be opened. " + cause.getMessage() + ".",
                "Stop the other instance using this directory, or give this one its own directory with"
                        + " 'lightning.db.path' (environment variable LIGHTNING_DB_PATH).",
                cause);
    }
}
