package io.lightningdb.spring.data.test;

import org.springframework.data.annotation.Id;

/** An entity Jackson refuses to write: it refers to itself, a cycle JSON cannot express. */
public class Unserializable {
    @Id
    private String id;

    private Object self = this;

    public Unserializable() {}

    public Unserializable(String id) {
        this.id = id;
    }

    public Object getSelf() {
        return self;
    }

    public String getId() {
        return id;
    }
}
