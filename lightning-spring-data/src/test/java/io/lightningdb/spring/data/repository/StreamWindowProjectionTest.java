package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.PersonRepository.PersonName;
import io.lightningdb.spring.data.test.PersonRepository.PersonSummary;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

class StreamWindowProjectionTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @BeforeEach
    void load() {
        people.saveAll(IntStream.range(0, 9)
                .mapToObj(i -> new Person("p" + i, "F" + i, i % 2 == 0 ? "Even" : "Odd", 20 + (i * 7) % 9)
                        .with(i < 5 ? "Oslo" : "Rome", true, null))
                .toList());
    }

    @Test
    void streamsAreLazyAndCloseable() {
        AtomicBoolean closed = new AtomicBoolean();
        try (Stream<Person> stream = people.streamByCity("Oslo").onClose(() -> closed.set(true))) {
            assertThat(stream.limit(2)).extracting(Person::getId).containsExactly("p0", "p1");
        }
        assertThat(closed).isTrue();
        try (Stream<Person> stream = people.streamByAgeGreaterThan(24)) {
            assertThat(stream).allSatisfy(p -> assertThat(p.getAge()).isGreaterThan(24));
        }
    }

    @Test
    void offsetScrollingVisitsEveryEntityOnce() {
        List<Integer> ages = new ArrayList<>();
        Window<Person> window = people.findFirst2ByOrderByAgeAsc(ScrollPosition.offset());
        while (true) {
            window.forEach(p -> ages.add(p.getAge()));
            if (!window.hasNext()) {
                break;
            }
            window = people.findFirst2ByOrderByAgeAsc(window.positionAt(window.size() - 1));
        }
        assertThat(ages).containsExactly(20, 21, 22, 23, 24, 25, 26, 27, 28);
    }

    @Test
    void keysetScrollingResumesAfterTheLastKey() {
        Window<Person> first = people.findTop3ByCityOrderByAge("Oslo", ScrollPosition.keyset());
        assertThat(first.getContent()).extracting(Person::getAge).containsExactly(20, 21, 23);
        assertThat(first.hasNext()).isTrue();
        // an entity inserted before the position does not shift the next window
        people.save(new Person("early", "E", "Odd", 1).with("Oslo", true, null));
        Window<Person> second = people.findTop3ByCityOrderByAge("Oslo", first.positionAt(first.size() - 1));
        assertThat(second.getContent()).extracting(Person::getAge).containsExactly(25, 27);
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void interfaceDtoAndDynamicProjections() {
        List<PersonName> names = people.findByAgeGreaterThanOrderByAge(26);
        assertThat(names).extracting(PersonName::getFirstName).containsExactly("F1", "F5");
        assertThat(names).extracting(PersonName::getLastName).containsExactly("Odd", "Odd");

        List<PersonSummary> summaries = people.findSummariesByCityOrderByAge("Rome");
        assertThat(summaries).extracting(PersonSummary::firstName).containsExactly("F8", "F7", "F6", "F5");
        assertThat(summaries).extracting(PersonSummary::age).isSorted();

        assertThat(people.findByLastNameOrderByAge("Even", PersonSummary.class))
                .extracting(PersonSummary::firstName)
                .containsExactly("F0", "F4", "F8", "F2", "F6");
        assertThat(people.findByLastNameOrderByAge("Even", PersonName.class)).hasSize(5);
    }
}
