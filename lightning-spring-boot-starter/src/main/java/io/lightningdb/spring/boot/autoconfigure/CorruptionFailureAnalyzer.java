package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.CorruptionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed because a database file is damaged, naming the file and offset. */
class CorruptionFailureAnalyzer extends AbstractFailureAnalyzer<CorruptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CorruptionException cause) {
        return new FailureAnalysis(
                "The Lightning database could not be opened: " + cause.getMessage() + ".",
                "Restore the directory from a backup, or move it aside to start with an empty database."
                        + " Do not delete files one by one: the remaining ones would no longer be consistent.",
                cause);
    }
}
