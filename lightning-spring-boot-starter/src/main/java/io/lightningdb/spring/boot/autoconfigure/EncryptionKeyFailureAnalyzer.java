package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.EncryptionKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because an encryption key is missing, wrong or malformed. Shows
 * the engine's message (file, offset, key id), which never contains key material.
 */
class EncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<EncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EncryptionKeyException cause) {
        return new FailureAnalysis(
                "The Lightning database could not be opened: " + cause.getMessage() + ".",
                "Supply the key(s) the database was written with: 'lightning.db.encryption.key' (base64 of 32"
                        + " bytes, environment variable LIGHTNING_DB_ENCRYPTION_KEY), 'lightning.db.encryption.key-file'"
                        + " or a KeyProvider bean. An encrypted database cannot be opened without its keys.",
                cause);
    }
}
