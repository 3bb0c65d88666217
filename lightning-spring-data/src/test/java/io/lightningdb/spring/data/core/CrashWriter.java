package io.lightningdb.spring.data.core;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.test.Person;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link IndexCrashConsistencyTest}: saves, changes and deletes entities with
 * indexed properties as fast as it can, printing each acknowledged operation, until it is killed.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) {
        LightningTemplate template = new LightningTemplate(LightningDb.open(Path.of(args[0])));
        Random random = new Random(Long.parseLong(args[1]));
        for (int i = 0; ; i++) {
            String id = "p" + random.nextInt(40);
            if (random.nextInt(5) == 0) {
                template.deleteById(id, Person.class);
            } else {
                template.save(new Person(id, "F", "L" + random.nextInt(10), random.nextInt(90)));
            }
            System.out.println(i);
        }
    }
}
