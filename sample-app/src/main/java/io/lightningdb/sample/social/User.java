package io.lightningdb.sample.social;

import io.lightningdb.spring.data.index.Indexed;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * A user, stored as JSON under {@code User:<id>}; {@code email} is indexed so {@link
 * UserRepository#findByEmail(String)} reads one index entry instead of scanning all users.
 */
public class User {
    @Id
    private String id;

    @Indexed
    private String email;

    private String name;
    private Instant joined;

    User() {}

    public User(String id, String email, String name, Instant joined) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.joined = joined;
    }

    public String getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public Instant getJoined() {
        return joined;
    }
}
