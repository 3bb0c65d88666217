package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.domain.ExampleMatcher.GenericPropertyMatchers.startsWith;

import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.PersonRepository.PersonName;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

class QueryByExampleTest extends SpringTestBase {
    /** Primitive properties always hold a value, so probes ignore them unless they mean them. */
    private static final ExampleMatcher IGNORING_PRIMITIVES =
            ExampleMatcher.matching().withIgnorePaths("age", "active", "vip");

    @Autowired
    PersonRepository people;

    @BeforeEach
    void load() {
        people.saveAll(List.of(
                new Person("p1", "Ann", "Lee", 30).with("Oslo", true, null),
                new Person("p2", "anna", "Kim", 40).with("Oslo", false, null),
                new Person("p3", "Bob", "Lee", 50).with("Rome", true, null)));
    }

    private static Person probe(String firstName, String lastName, String city) {
        Person p = new Person();
        p.setFirstName(firstName);
        p.setLastName(lastName);
        p.setCity(city);
        return p;
    }

    @Test
    void exactMatchesOnSetProperties() {
        Example<Person> lees = Example.of(probe(null, "Lee", null), IGNORING_PRIMITIVES);
        assertThat(people.findAll(lees)).extracting(Person::getId).containsExactly("p1", "p3");
        assertThat(people.count(lees)).isEqualTo(2);
        assertThat(people.exists(Example.of(probe(null, "Nobody", null), IGNORING_PRIMITIVES)))
                .isFalse();
        assertThat(people.findOne(Example.of(probe(null, "Lee", "Rome"), IGNORING_PRIMITIVES)))
                .map(Person::getId)
                .contains("p3");
    }

    @Test
    void primitivesTakePartUnlessIgnored() {
        Person probe = probe(null, "Lee", null);
        probe.setAge(30);
        assertThat(people.findAll(Example.of(probe, ExampleMatcher.matching().withIgnorePaths("active", "vip"))))
                .extracting(Person::getId)
                .containsExactly("p1");
    }

    @Test
    void jdkValuesSuchAsInstantsMatchAsAWhole() {
        Person probe = new Person("ignored", null, null, 50);
        assertThat(people.findAll(Example.of(
                        probe,
                        ExampleMatcher.matching()
                                .withIgnorePaths("id", "age", "height", "active", "vip", "joined", "tags"))))
                .extracting(Person::getId)
                .containsExactly("p3");
    }

    @Test
    void stringMatchersAndAnyMatching() {
        ExampleMatcher prefixIgnoringCase =
                IGNORING_PRIMITIVES.withMatcher("firstName", startsWith().ignoreCase());
        assertThat(people.findAll(Example.of(probe("AN", null, null), prefixIgnoringCase)))
                .extracting(Person::getId)
                .containsExactly("p1", "p2");

        ExampleMatcher any = ExampleMatcher.matchingAny().withIgnorePaths("age", "active", "vip");
        assertThat(people.findAll(Example.of(probe("Bob", "Kim", null), any)))
                .extracting(Person::getId)
                .containsExactly("p2", "p3");
    }

    @Test
    void sortingPagingAndTheFluentApi() {
        Example<Person> oslo = Example.of(probe(null, null, "Oslo"), IGNORING_PRIMITIVES);
        assertThat(people.findAll(oslo, Sort.by(Sort.Direction.DESC, "age")))
                .extracting(Person::getId)
                .containsExactly("p2", "p1");
        assertThat(people.findAll(oslo, PageRequest.of(0, 1, Sort.by("age"))).getContent())
                .extracting(Person::getId)
                .containsExactly("p1");

        List<PersonName> names = people.findBy(
                oslo, q -> q.sortBy(Sort.by("firstName")).as(PersonName.class).all());
        assertThat(names).extracting(PersonName::getFirstName).containsExactly("Ann", "anna");
        assertThat(people.findBy(oslo, q -> q.sortBy(Sort.by("age")).firstValue())
                        .getId())
                .isEqualTo("p1");
        try (Stream<Person> s = people.findBy(oslo, q -> q.stream())) {
            assertThat(s).hasSize(2);
        }
    }
}
