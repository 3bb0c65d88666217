package io.lightningdb.spring.data.test;

import java.util.List;
import org.springframework.data.repository.CrudRepository;

public interface SessionRepository extends CrudRepository<Session, String> {
    List<Session> findByUser(String user);
}
