package io.lightningdb.spring.boot.autoconfigure.notes;

import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;

/** A small entity for the starter's tests. */
public class Note {
    @Id
    private String id;

    @Indexed
    private String author;

    private String text;

    Note() {}

    public Note(String id, String author, String text) {
        this.id = id;
        this.author = author;
        this.text = text;
    }

    public String getId() {
        return id;
    }

    public String getAuthor() {
        return author;
    }

    public String getText() {
        return text;
    }
}
