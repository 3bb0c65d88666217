package io.lightningdb.spring.data.test;

import io.lightningdb.LightningDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Owns a database in a temporary directory and deletes the directory on close. */
public record TemporaryDatabase(LightningDb db) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        Path dir = db.path();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
