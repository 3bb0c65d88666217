package io.lightningdb.sample.social;

import io.lightningdb.spring.data.index.Indexed;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;

/** A post by a user; indexed by author and publication time for the feed queries. */
public class Post {
    @Id
    private String id;

    @Indexed
    private String authorId;

    @Indexed
    private Instant published;

    private String title;
    private String body;
    private List<String> tags;

    Post() {}

    public Post(String id, String authorId, Instant published, String title, String body, List<String> tags) {
        this.id = id;
        this.authorId = authorId;
        this.published = published;
        this.title = title;
        this.body = body;
        this.tags = tags;
    }

    public String getId() {
        return id;
    }

    public String getAuthorId() {
        return authorId;
    }

    public Instant getPublished() {
        return published;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public List<String> getTags() {
        return tags;
    }
}
