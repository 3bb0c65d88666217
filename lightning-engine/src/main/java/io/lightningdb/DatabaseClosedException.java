package io.lightningdb;

/** An operation was called on a database, iterator or other resource that has been closed. */
public class DatabaseClosedException extends LightningException {
    private static final long serialVersionUID = 1L;

    public DatabaseClosedException(String message) {
        super(message);
    }
}
