package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.core.event.AfterDeleteEvent;
import io.lightningdb.spring.data.core.event.AfterSaveEvent;
import io.lightningdb.spring.data.core.event.BeforeDeleteEvent;
import io.lightningdb.spring.data.core.event.BeforeSaveEvent;
import io.lightningdb.spring.data.core.event.LightningMappingEvent;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LifecycleEventTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @Test
    void saveAndDeletePublishBeforeAndAfterEvents() {
        Person ann = people.save(new Person("p1", "Ann", "Lee", 30));
        people.delete(ann);
        people.deleteById("missing");

        assertThat(events.events())
                .extracting(e -> e.getClass().getSimpleName() + ":" + e.getId())
                .containsExactly(
                        "BeforeSaveEvent:p1",
                        "AfterSaveEvent:p1",
                        "BeforeDeleteEvent:p1",
                        "AfterDeleteEvent:p1",
                        "BeforeDeleteEvent:missing");
        LightningMappingEvent<?> saved = events.events().get(1);
        assertThat(saved).isInstanceOf(AfterSaveEvent.class);
        assertThat(saved.getKeyspace()).isEqualTo("person");
        assertThat(saved.getEntity()).isEqualTo(ann);
        assertThat(events.events().get(0)).isInstanceOf(BeforeSaveEvent.class);
        assertThat(events.events().get(2)).isInstanceOf(BeforeDeleteEvent.class);
        assertThat(events.events().get(3)).isInstanceOf(AfterDeleteEvent.class);
    }

    @Test
    void aFailedSaveHasNoAfterEvent() {
        people.save(new Person("p1", "Ann", "Lee", 30));
        events.clear();
        Person bad = new Person("p2", "Bob", "x".repeat(70_000), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> people.save(bad));
        assertThat(events.events())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("BeforeSaveEvent");
    }
}
