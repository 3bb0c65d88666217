package io.lightningdb.spring.data.test;

import java.util.UUID;
import org.springframework.data.annotation.Id;

/** A test entity with a UUID id, generated on save when absent. */
public class Token {
    @Id
    private UUID id;

    private String owner;

    public Token() {}

    public Token(String owner) {
        this.owner = owner;
    }

    public UUID getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }
}
