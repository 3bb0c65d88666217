package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.IncorrectResultSizeDataAccessException;

/**
 * Every derived-query keyword, each on an indexed property (index scan) and on a plain one
 * (filtered keyspace scan), checked against the same predicate evaluated over the data set.
 */
class DerivedQueryTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    List<Person> data;

    @BeforeEach
    void load() {
        data = List.of(
                new Person("p01", "Ann", "Lee", 30).with("Oslo", true, "annie", "admin", "dev"),
                new Person("p02", "Bob", "Kim", 40).with("Rome", false, null, "dev"),
                new Person("p03", "Cid", "Lee", 25).with("Oslo", true, null),
                new Person("p04", "Dan", "Park", 35).with("Oslo", false, "d", "ops"),
                new Person("p05", "Eve", "Lee", 40).with("Rome", true, null, "admin"),
                new Person("p06", "ann", "Leeds", 19).with("Paris", false, "a2"),
                new Person("p07", "Fay", "Okafor", 52).with("Paris", true, null, "dev", "ops"),
                new Person("p08", "Gus", "Kimball", 61).with("Rome", false, null),
                new Person("p09", "Hal", "Lee", 8).with(null, true, "h"),
                new Person("p10", "Ivy", "McLee", 44).with("Oslo", true, null, "ops"));
        people.saveAll(data);
    }

    private void check(List<Person> actual, Predicate<Person> expected) {
        assertThat(actual).extracting(Person::getId).containsExactlyElementsOf(ids(expected));
    }

    private List<String> ids(Predicate<Person> p) {
        return data.stream().filter(p).map(Person::getId).sorted().toList();
    }

    @Test
    void equalityAndNegation() {
        check(people.findByLastName("Lee"), p -> p.getLastName().equals("Lee"));
        check(people.findByLastNameIs("Lee"), p -> p.getLastName().equals("Lee"));
        check(people.findByFirstName("Ann"), p -> p.getFirstName().equals("Ann"));
        check(people.findByFirstNameEquals("Ann"), p -> p.getFirstName().equals("Ann"));
        check(people.findByLastNameNot("Lee"), p -> !p.getLastName().equals("Lee"));
        check(people.findByFirstNameNot("Ann"), p -> !p.getFirstName().equals("Ann"));
        check(people.findByLastName("Nobody"), p -> false);
    }

    @Test
    void andOr() {
        check(people.findByLastNameAndAge("Lee", 40), p -> p.getLastName().equals("Lee") && p.getAge() == 40);
        check(
                people.findByFirstNameAndCity("Ann", "Oslo"),
                p -> p.getFirstName().equals("Ann") && "Oslo".equals(p.getCity()));
        check(people.findByLastNameOrAge("Kim", 30), p -> p.getLastName().equals("Kim") || p.getAge() == 30);
        check(
                people.findByFirstNameOrCity("Bob", "Paris"),
                p -> p.getFirstName().equals("Bob") || "Paris".equals(p.getCity()));
    }

    @Test
    void rangesAreInclusiveForBetweenAndExclusiveOtherwise() {
        check(people.findByAgeBetween(30, 44), p -> p.getAge() >= 30 && p.getAge() <= 44);
        check(people.findByHeightBetween(180, 194), p -> p.getHeight() >= 180 && p.getHeight() <= 194);
        check(people.findByAgeBetween(44, 30), p -> false);
        check(people.findByAgeLessThan(30), p -> p.getAge() < 30);
        check(people.findByHeightLessThan(180), p -> p.getHeight() < 180);
        check(people.findByAgeLessThanEqual(30), p -> p.getAge() <= 30);
        check(people.findByHeightLessThanEqual(180), p -> p.getHeight() <= 180);
        check(people.findByAgeGreaterThan(40), p -> p.getAge() > 40);
        check(people.findByHeightGreaterThan(190), p -> p.getHeight() > 190);
        check(people.findByAgeGreaterThanEqual(40), p -> p.getAge() >= 40);
        check(people.findByHeightGreaterThanEqual(190), p -> p.getHeight() >= 190);
    }

    @Test
    void beforeAndAfter() {
        Instant t = Instant.parse("1999-01-01T00:00:00Z");
        check(people.findByBornBefore(t), p -> p.getBorn().isBefore(t));
        check(people.findByJoinedBefore(t), p -> p.getJoined().isBefore(t));
        check(people.findByBornAfter(t), p -> p.getBorn().isAfter(t));
        check(people.findByJoinedAfter(t), p -> p.getJoined().isAfter(t));
    }

    @Test
    void inAndNotIn() {
        check(people.findByAgeIn(List.of(40, 8, 99)), p -> Set.of(40, 8).contains(p.getAge()));
        check(people.findByHeightIn(List.of(190, 158)), p -> Set.of(190, 158).contains(p.getHeight()));
        check(
                people.findByLastNameNotIn(List.of("Lee", "Kim")),
                p -> !Set.of("Lee", "Kim").contains(p.getLastName()));
        check(
                people.findByFirstNameNotIn(List.of("Ann", "Bob")),
                p -> !Set.of("Ann", "Bob").contains(p.getFirstName()));
    }

    @Test
    void stringMatching() {
        check(people.findByLastNameStartingWith("Kim"), p -> p.getLastName().startsWith("Kim"));
        check(people.findByFirstNameStartingWith("A"), p -> p.getFirstName().startsWith("A"));
        check(people.findByLastNameEndingWith("ee"), p -> p.getLastName().endsWith("ee"));
        check(people.findByFirstNameEndingWith("n"), p -> p.getFirstName().endsWith("n"));
        check(people.findByLastNameContaining("ee"), p -> p.getLastName().contains("ee"));
        check(people.findByFirstNameContaining("v"), p -> p.getFirstName().contains("v"));
        check(people.findByTagsContaining("ops"), p -> p.getTags().contains("ops"));
        check(people.findByLastNameIgnoreCase("LEE"), p -> p.getLastName().equalsIgnoreCase("lee"));
        check(people.findByFirstNameIgnoreCase("ANN"), p -> p.getFirstName().equalsIgnoreCase("ann"));
        check(
                people.findByFirstNameStartingWithIgnoreCase("a"),
                p -> p.getFirstName().toLowerCase(Locale.ROOT).startsWith("a"));
        check(people.findByLastNameLike("%Lee%"), p -> p.getLastName().contains("Lee"));
        check(people.findByLastNameLike("K_m"), p -> p.getLastName().matches("K.m"));
    }

    @Test
    void nullsAndBooleans() {
        check(people.findByNicknameIsNull(), p -> p.getNickname() == null);
        check(people.findByNicknameIsNotNull(), p -> p.getNickname() != null);
        check(people.findByActiveTrue(), Person::isActive);
        check(people.findByVipTrue(), Person::isVip);
        check(people.findByActiveFalse(), p -> !p.isActive());
        check(people.findByVipFalse(), p -> !p.isVip());
    }

    @Test
    void orderByTopAndFirst() {
        assertThat(people.findByActiveTrueOrderByAgeDesc())
                .extracting(Person::getId)
                .containsExactlyElementsOf(data.stream()
                        .filter(Person::isActive)
                        .sorted(Comparator.comparing(Person::getAge).reversed())
                        .map(Person::getId)
                        .toList());
        assertThat(people.findByCityOrderByFirstNameAscAgeDesc("Oslo"))
                .extracting(Person::getFirstName)
                .containsExactly("Ann", "Cid", "Dan", "Ivy");
        assertThat(people.findTop3ByOrderByAgeDesc()).extracting(Person::getAge).containsExactly(61, 52, 44);
        assertThat(people.findFirstByLastNameOrderByAgeAsc("Lee"))
                .map(Person::getId)
                .contains("p09");
    }

    @Test
    void singleResults() {
        assertThat(people.findByFirstNameAndLastName("Ann", "Lee"))
                .map(Person::getId)
                .contains("p01");
        assertThat(people.findByFirstNameAndLastName("Ann", "Nobody")).isEmpty();
        assertThat(people.findOneByFirstName("Bob").getId()).isEqualTo("p02");
        assertThat(people.findOneByFirstName("Nobody")).isNull();
        people.save(new Person("p99", "Bob", "Twin", 1));
        assertThatThrownBy(() -> people.findOneByFirstName("Bob"))
                .isInstanceOf(IncorrectResultSizeDataAccessException.class);
    }

    @Test
    void countExistsDelete() {
        assertThat(people.countByLastName("Lee")).isEqualTo(4);
        assertThat(people.countByCity("Oslo")).isEqualTo(4);
        assertThat(people.existsByAge(52)).isTrue();
        assertThat(people.existsByAge(53)).isFalse();
        assertThat(people.existsByCity("Paris")).isTrue();
        assertThat(people.existsByCity("Lima")).isFalse();

        assertThat(people.deleteByLastName("Lee")).isEqualTo(4);
        assertThat(people.findByLastName("Lee")).isEmpty();
        assertThat(people.deleteByCity("Rome")).extracting(Person::getId).containsExactly("p02", "p08");
        assertThat(people.count()).isEqualTo(4);
    }
}
