package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.repository.support.LightningRepositoryFactory;
import io.lightningdb.spring.data.test.MutableClock;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.Session;
import io.lightningdb.spring.data.test.SessionRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexes live in the database, not in the application: they survive restarts, and expiry happens while it is down. */
class RestartTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private LightningDb open() {
        return LightningDb.open(dir, LightningConfig.builder().clock(clock).build());
    }

    @Test
    void indexesAndExpiryHoldAcrossRestarts() {
        try (LightningDb db = open()) {
            LightningRepositoryFactory factory = new LightningRepositoryFactory(new LightningTemplate(db));
            factory.getRepository(PersonRepository.class)
                    .saveAll(List.of(new Person("a", "A", "Lee", 30), new Person("b", "B", "Kim", 40)));
            factory.getRepository(SessionRepository.class)
                    .saveAll(List.of(new Session("s1", "ann", 60L), new Session("s2", "ann", null)));
        }

        clock.advance(Duration.ofMinutes(5)); // the application is not running

        try (LightningDb db = open()) {
            LightningTemplate template = new LightningTemplate(db);
            LightningRepositoryFactory factory = new LightningRepositoryFactory(template);
            PersonRepository people = factory.getRepository(PersonRepository.class);
            SessionRepository sessions = factory.getRepository(SessionRepository.class);

            assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("a");
            assertThat(people.findByAgeGreaterThan(35))
                    .extracting(Person::getId)
                    .containsExactly("b");
            assertThat(sessions.findByUser("ann")).extracting(Session::getId).containsExactly("s2");

            db.compact(); // compaction drops the expired entity and index entry for good
            try (var index = template.scanPrefix(KeyCodec.indexPrefix("sessions"))) {
                assertThat(index.count()).isEqualTo(1);
            }
            assertThat(sessions.findByUser("ann")).extracting(Session::getId).containsExactly("s2");
        }
    }
}
