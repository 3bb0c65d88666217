package io.lightningdb.spring.boot.autoconfigure.notes;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface NoteRepository extends ListCrudRepository<Note, String> {
    List<Note> findByAuthor(String author);
}
