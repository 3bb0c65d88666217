package io.lightningdb;

import java.nio.charset.StandardCharsets;

/**
 * A transaction could not commit because another commit, made after its snapshot, changed a key it
 * wrote (or, under {@link IsolationLevel#SERIALIZABLE}, read or scanned). Nothing of the transaction
 * was applied; retrying it from the start usually succeeds ({@link
 * LightningDb#inTransaction(TransactionOptions, int, TransactionWork)} does so).
 */
public class TransactionConflictException extends LightningException {
    private static final long serialVersionUID = 1L;

    private final byte[] key;

    public TransactionConflictException(byte[] key) {
        super("Transaction conflict on key '" + printable(key)
                + "': changed by another commit after this transaction began");
        this.key = key.clone();
    }

    /** A key whose change caused the conflict. */
    public byte[] key() {
        return key.clone();
    }

    private static String printable(byte[] key) {
        String s = new String(key, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
