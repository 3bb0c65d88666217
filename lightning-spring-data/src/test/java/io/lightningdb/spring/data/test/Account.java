package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A versioned test entity for optimistic locking and the money-transfer invariant. */
public class Account {
    @Id
    private String id;

    @Indexed
    private String owner;

    private long balance;

    @Version
    private Long version;

    public Account() {}

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

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
