package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.core.mapping.TimeToLive;
import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** An expiring test entity. */
@KeySpace("sessions")
public class Session {
    @Id
    private String id;

    @Indexed
    private String user;

    @TimeToLive
    private Long ttlSeconds;

    public Session() {}

    public Session(String id, String user, Long ttlSeconds) {
        this.id = id;
        this.user = user;
        this.ttlSeconds = ttlSeconds;
    }

    public String getId() {
        return id;
    }

    public String getUser() {
        return user;
    }

    public void setTtlSeconds(Long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }
}
