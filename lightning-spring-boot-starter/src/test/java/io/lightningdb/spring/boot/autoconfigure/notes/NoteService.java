package io.lightningdb.spring.boot.autoconfigure.notes;

import org.springframework.transaction.annotation.Transactional;

/** Writes notes in Spring transactions. */
public class NoteService {
    private final NoteRepository notes;

    public NoteService(NoteRepository notes) {
        this.notes = notes;
    }

    /** Saves both notes, then fails: neither may remain. */
    @Transactional
    public void saveBothThenFail(Note first, Note second) {
        notes.save(first);
        notes.save(second);
        throw new IllegalStateException("fail after saving");
    }
}
