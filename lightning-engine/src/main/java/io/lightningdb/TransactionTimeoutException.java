package io.lightningdb;

/** The transaction stayed open past its timeout; it was rolled back and cannot commit. */
public class TransactionTimeoutException extends LightningException {
    private static final long serialVersionUID = 1L;

    public TransactionTimeoutException(String message) {
        super(message);
    }
}
