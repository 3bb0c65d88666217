package io.lightningdb.spring.boot.test.autoconfigure.app;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface TaskRepository extends ListCrudRepository<Task, Long> {
    List<Task> findByDone(boolean done);
}
