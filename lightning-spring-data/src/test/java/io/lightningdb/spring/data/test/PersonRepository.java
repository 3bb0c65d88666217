package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.repository.LightningRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

/** Derived queries over indexed (lastName, age, active, born) and plain (firstName, height, vip, joined, city) properties. */
public interface PersonRepository extends LightningRepository<Person, String> {
    // equality, negation, and/or
    List<Person> findByLastName(String lastName);

    List<Person> findByFirstName(String firstName);

    List<Person> findByLastNameIs(String lastName);

    List<Person> findByFirstNameEquals(String firstName);

    List<Person> findByLastNameNot(String lastName);

    List<Person> findByFirstNameNot(String firstName);

    List<Person> findByLastNameAndAge(String lastName, int age);

    List<Person> findByFirstNameAndCity(String firstName, String city);

    List<Person> findByLastNameOrAge(String lastName, int age);

    List<Person> findByFirstNameOrCity(String firstName, String city);

    // ranges
    List<Person> findByAgeBetween(int from, int to);

    List<Person> findByHeightBetween(int from, int to);

    List<Person> findByAgeLessThan(int age);

    List<Person> findByHeightLessThan(int height);

    List<Person> findByAgeLessThanEqual(int age);

    List<Person> findByHeightLessThanEqual(int height);

    List<Person> findByAgeGreaterThan(int age);

    List<Person> findByHeightGreaterThan(int height);

    List<Person> findByAgeGreaterThanEqual(int age);

    List<Person> findByHeightGreaterThanEqual(int height);

    List<Person> findByBornBefore(Instant instant);

    List<Person> findByJoinedBefore(Instant instant);

    List<Person> findByBornAfter(Instant instant);

    List<Person> findByJoinedAfter(Instant instant);

    // sets
    List<Person> findByAgeIn(Collection<Integer> ages);

    List<Person> findByHeightIn(Collection<Integer> heights);

    List<Person> findByLastNameNotIn(Collection<String> names);

    List<Person> findByFirstNameNotIn(Collection<String> names);

    // strings
    List<Person> findByLastNameStartingWith(String prefix);

    List<Person> findByFirstNameStartingWith(String prefix);

    List<Person> findByLastNameEndingWith(String suffix);

    List<Person> findByFirstNameEndingWith(String suffix);

    List<Person> findByLastNameContaining(String part);

    List<Person> findByFirstNameContaining(String part);

    List<Person> findByTagsContaining(String tag);

    List<Person> findByLastNameIgnoreCase(String lastName);

    List<Person> findByFirstNameIgnoreCase(String firstName);

    List<Person> findByFirstNameStartingWithIgnoreCase(String prefix);

    List<Person> findByLastNameLike(String pattern);

    // nulls and booleans
    List<Person> findByNicknameIsNull();

    List<Person> findByNicknameIsNotNull();

    List<Person> findByActiveTrue();

    List<Person> findByVipTrue();

    List<Person> findByActiveFalse();

    List<Person> findByVipFalse();

    // ordering, limiting, paging
    List<Person> findByActiveTrueOrderByAgeDesc();

    List<Person> findByCityOrderByFirstNameAscAgeDesc(String city);

    List<Person> findTop3ByOrderByAgeDesc();

    Optional<Person> findFirstByLastNameOrderByAgeAsc(String lastName);

    List<Person> findByCity(String city, Sort sort);

    List<Person> findByCity(String city, Limit limit, Sort sort);

    Page<Person> findByActive(boolean active, Pageable pageable);

    Slice<Person> findByVip(boolean vip, Pageable pageable);

    // return types
    Optional<Person> findByFirstNameAndLastName(String firstName, String lastName);

    Person findOneByFirstName(String firstName);

    Stream<Person> streamByAgeGreaterThan(int age);

    Stream<Person> streamByCity(String city);

    Window<Person> findFirst2ByOrderByAgeAsc(ScrollPosition position);

    Window<Person> findTop3ByCityOrderByAge(String city, ScrollPosition position);

    // count, exists, delete
    long countByLastName(String lastName);

    long countByCity(String city);

    boolean existsByAge(int age);

    boolean existsByCity(String city);

    long deleteByLastName(String lastName);

    List<Person> deleteByCity(String city);

    // projections
    List<PersonName> findByAgeGreaterThanOrderByAge(int age);

    List<PersonSummary> findSummariesByCityOrderByAge(String city);

    <T> List<T> findByLastNameOrderByAge(String lastName, Class<T> type);

    /** An interface projection. */
    interface PersonName {
        String getFirstName();

        String getLastName();
    }

    /** A DTO projection. */
    record PersonSummary(String firstName, int age) {}
}
