package io.lightningdb.sample.accounts;

import org.springframework.data.annotation.Id;

/**
 * A bank account; the balance is in cents so sums stay exact.
 *
 * <pre>{@code
 * new Account("alice", "Alice", 10_000)
 * }</pre>
 */
public class Account {
    @Id
    private String id;

    private String owner;
    private long balance;

    Account() {}

    public Account(String id, String owner, long balance) {
        this.id = id;
        this.owner = owner;
        this.balance = balance;
    }

    public String getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public long getBalance() {
        return balance;
    }

    void withdraw(long amount) {
        if (amount > balance) {
            throw new InsufficientFundsException(id, balance, amount);
        }
        balance -= amount;
    }

    void deposit(long amount) {
        balance += amount;
    }
}
