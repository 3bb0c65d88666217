package io.lightningdb.spring.boot.test.autoconfigure.app;

import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;

public class Task {
    @Id
    private Long id;

    @Indexed
    private boolean done;

    Task() {}

    public Task(Long id, boolean done) {
        this.id = id;
        this.done = done;
    }

    public Long getId() {
        return id;
    }
}
