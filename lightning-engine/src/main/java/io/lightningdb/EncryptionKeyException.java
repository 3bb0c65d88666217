package io.lightningdb;

/**
 * An encryption key is missing, wrong or malformed: the database (or one of its files) was
 * encrypted with a key the configured {@link KeyProvider} does not supply, or a key is not 32
 * bytes. Raised instead of ever returning undecryptable data. The message names the file and key
 * id, never key material.
 */
public class EncryptionKeyException extends LightningException {
    private static final long serialVersionUID = 1L;

    public EncryptionKeyException(String message) {
        super(message);
    }
}
