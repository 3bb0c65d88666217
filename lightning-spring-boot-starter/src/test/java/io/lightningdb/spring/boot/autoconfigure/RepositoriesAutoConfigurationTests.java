package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.boot.autoconfigure.notes.Note;
import io.lightningdb.spring.boot.autoconfigure.notes.NoteRepository;
import io.lightningdb.spring.boot.autoconfigure.notes.NoteService;
import io.lightningdb.spring.boot.autoconfigure.notes.NotesPackage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesAutoConfigurationTests {
    @TempDir
    Path dir;

    @Test
    void repositoriesOfTheApplicationPackagesAreEnabled() {
        LightningRunners.core(dir).withUserConfiguration(NotesPackage.class).run(context -> {
            NoteRepository notes = context.getBean(NoteRepository.class);
            notes.save(new Note("n1", "ann", "hello"));
            notes.save(new Note("n2", "bob", "hi"));
            assertThat(notes.findByAuthor("ann")).extracting(Note::getId).containsExactly("n1");
        });
    }

    @Test
    void repositoriesCanBeSwitchedOff() {
        LightningRunners.core(dir)
                .withUserConfiguration(NotesPackage.class)
                .withPropertyValues("lightning.db.repositories.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(NoteRepository.class));
    }

    @Test
    void transactionalMethodsRollBackThroughTheAutoConfiguredManager() {
        LightningRunners.core(dir)
                .withUserConfiguration(NotesPackage.class)
                .withBean(NoteService.class)
                .run(context -> {
                    NoteService service = context.getBean(NoteService.class);
                    assertThatThrownBy(() ->
                                    service.saveBothThenFail(new Note("a", "ann", "x"), new Note("b", "ann", "y")))
                            .isInstanceOf(IllegalStateException.class);
                    NoteRepository notes = context.getBean(NoteRepository.class);
                    assertThat(notes.count()).isZero();
                    assertThat(notes.findByAuthor("ann")).isEmpty();
                });
    }
}
