package io.lightningdb;

/**
 * Base of every error the engine raises on purpose. Unchecked, so that callers handle only the
 * failures they can act on; subclasses name the precise cause.
 */
public class LightningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LightningException(String message) {
        super(message);
    }

    public LightningException(String message, Throwable cause) {
        super(message, cause);
    }
}
