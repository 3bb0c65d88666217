package io.lightningdb.sample.social;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

/** Users; {@code findByEmail} is derived from the method name and runs on the email index. */
public interface UserRepository extends ListCrudRepository<User, String> {
    Optional<User> findByEmail(String email);

    boolean existsByEmail(String email);
}
