package io.lightningdb.sample.social;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

/** Posts with derived, paged queries. */
public interface PostRepository extends ListCrudRepository<Post, String> {

    /** A user's posts, one page at a time, in the order the pageable's sort asks for. */
    Page<Post> findByAuthorId(String authorId, Pageable pageable);

    /** Posts published in {@code [from, to]}, newest first. */
    List<Post> findByPublishedBetweenOrderByPublishedDesc(Instant from, Instant to);

    /** Posts whose title contains {@code text}, ignoring case. */
    List<Post> findByTitleContainingIgnoreCase(String text);

    long countByAuthorId(String authorId);
}
