package io.lightningdb.sample.social;

import io.lightningdb.sample.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and their posts over REST.
 *
 * <pre>{@code
 * curl -X POST localhost:8080/users -H 'Content-Type: application/json' -d '{"email":"ann@example.com","name":"Ann"}'
 * curl 'localhost:8080/users?email=ann@example.com'
 * curl -X POST localhost:8080/users/<id>/posts -H 'Content-Type: application/json' -d '{"title":"Hello","body":"First post"}'
 * curl 'localhost:8080/users/<id>/posts?page=0&size=10'
 * curl 'localhost:8080/posts/search?title=hello'
 * }</pre>
 */
@RestController
class SocialController {
    private final UserRepository users;
    private final PostRepository posts;
    private final Clock clock = Clock.systemUTC();

    SocialController(UserRepository users, PostRepository posts) {
        this.users = users;
        this.posts = posts;
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    User register(@RequestBody NewUser request) {
        if (users.existsByEmail(request.email())) {
            throw new IllegalArgumentException("email " + request.email() + " is already registered");
        }
        return users.save(new User(null, request.email(), request.name(), clock.instant()));
    }

    @GetMapping("/users/{id}")
    User user(@PathVariable String id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user " + id));
    }

    @GetMapping(value = "/users", params = "email")
    User userByEmail(@RequestParam String email) {
        return users.findByEmail(email).orElseThrow(() -> new NotFoundException("user " + email));
    }

    @PostMapping("/users/{id}/posts")
    @ResponseStatus(HttpStatus.CREATED)
    Post publish(@PathVariable String id, @RequestBody NewPost request) {
        user(id);
        return posts.save(new Post(null, id, clock.instant(), request.title(), request.body(), request.tags()));
    }

    /** A page of the user's posts, newest first. */
    @GetMapping("/users/{id}/posts")
    PagedModel<Post> postsOf(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Page<Post> result =
                posts.findByAuthorId(id, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "published")));
        return new PagedModel<>(result);
    }

    @GetMapping("/posts/search")
    List<Post> search(@RequestParam String title) {
        return posts.findByTitleContainingIgnoreCase(title);
    }

    @GetMapping("/posts/recent")
    List<Post> recent(@RequestParam(defaultValue = "PT24H") Duration within) {
        Instant now = clock.instant();
        return posts.findByPublishedBetweenOrderByPublishedDesc(now.minus(within), now);
    }

    record NewUser(String email, String name) {}

    record NewPost(String title, String body, List<String> tags) {}
}
