package io.lightningdb.sample.accounts;

/** A transfer asked for more than the source account holds; nothing was changed. */
public class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsufficientFundsException(String accountId, long balance, long requested) {
        super("Account " + accountId + " holds " + balance + " but " + requested + " was requested");
    }
}
