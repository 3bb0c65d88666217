package io.lightningdb.sample.accounts;

/** No account has the given id. */
public class AccountNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountNotFoundException(String accountId) {
        super("No account " + accountId);
    }
}
