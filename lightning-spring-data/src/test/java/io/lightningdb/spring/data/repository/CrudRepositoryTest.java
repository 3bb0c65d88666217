package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.test.Counter;
import io.lightningdb.spring.data.test.CounterRepository;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import io.lightningdb.spring.data.test.Token;
import io.lightningdb.spring.data.test.TokenRepository;
import io.lightningdb.spring.data.test.Unserializable;
import io.lightningdb.spring.data.test.UnserializableRepository;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;

class CrudRepositoryTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @Autowired
    CounterRepository counters;

    @Autowired
    TokenRepository tokens;

    @Autowired
    UnserializableRepository unserializables;

    @Test
    void savesFindsAndDeletes() {
        Person ann = people.save(new Person("p1", "Ann", "Lee", 30).with("Oslo", true, null, "a"));
        people.save(new Person("p2", "Bob", "Kim", 40));

        assertThat(people.findById("p1")).contains(ann);
        assertThat(people.existsById("p2")).isTrue();
        assertThat(people.existsById("nope")).isFalse();
        assertThat(people.count()).isEqualTo(2);
        assertThat(people.findAllById(List.of("p2", "x", "p1")))
                .extracting(Person::getId)
                .containsExactly("p2", "p1");

        people.deleteById("p1");
        assertThat(people.findById("p1")).isEmpty();
        people.delete(people.findById("p2").orElseThrow());
        assertThat(people.count()).isZero();
    }

    @Test
    void saveReplacesTheStoredEntity() {
        people.save(new Person("p1", "Ann", "Lee", 30));
        Person changed = new Person("p1", "Ann", "Lee", 31);
        people.save(changed);
        assertThat(people.findAll()).containsExactly(changed);
    }

    @Test
    void findAllReturnsEntitiesInIdOrder() {
        people.saveAll(
                List.of(new Person("c", "C", "X", 1), new Person("a", "A", "X", 1), new Person("b", "B", "X", 1)));
        assertThat(people.findAll()).extracting(Person::getId).containsExactly("a", "b", "c");
    }

    @Test
    void numericIdsAreStoredInNumericOrderIncludingNegatives() {
        for (long id : new long[] {10, -5, 2, Long.MIN_VALUE, 0, -300, Long.MAX_VALUE, 256}) {
            counters.save(new Counter(id, "n" + id));
        }
        assertThat(StreamSupport.stream(counters.findAll().spliterator(), false).map(Counter::id))
                .containsExactly(Long.MIN_VALUE, -300L, -5L, 0L, 2L, 10L, 256L, Long.MAX_VALUE);
        assertThat(counters.findAll(Sort.by(Sort.Direction.DESC, "id")))
                .extracting(Counter::id)
                .startsWith(Long.MAX_VALUE, 256L);
    }

    @Test
    void uuidIdsAreGeneratedAndStoredInUuidOrder() {
        List<Token> saved = tokens.saveAll(List.of(new Token("a"), new Token("b"), new Token("c")));
        assertThat(saved).allSatisfy(t -> assertThat(t.getId()).isNotNull());
        assertThat(tokens.findAll())
                .extracting(Token::getId)
                .containsExactlyElementsOf(
                        saved.stream().map(Token::getId).sorted().toList());
        UUID id = saved.get(0).getId();
        assertThat(tokens.findById(id))
                .map(Token::getOwner)
                .contains(saved.get(0).getOwner());
    }

    @Test
    void stringIdsAreGeneratedWhenMissing() {
        Person saved = people.save(new Person(null, "Ann", "Lee", 30));
        assertThat(saved.getId()).isNotBlank();
        assertThat(people.findById(saved.getId())).isPresent();
    }

    @Test
    void saveAllIsAtomic() {
        people.save(new Person("keep", "Kay", "Old", 50));
        List<Person> batch = List.of(new Person("n1", "N", "One", 1), new Person("n2", "N", "Two", 2));
        batch.get(1).setLastName("x".repeat(70_000)); // its index key exceeds the engine's key limit

        assertThatThrownBy(() -> people.saveAll(batch)).isInstanceOf(InvalidDataAccessApiUsageException.class);

        assertThat(people.findAll()).extracting(Person::getId).containsExactly("keep");
        assertThat(rawCount(KeyCodec.indexPrefix("person"))).isEqualTo(4); // the survivor's four index entries
    }

    @Test
    void deleteAllIsAtomicAndRemovesIndexEntries() {
        people.saveAll(List.of(new Person("a", "A", "X", 1), new Person("b", "B", "Y", 2)));
        people.deleteAll();
        assertThat(people.count()).isZero();
        assertThat(rawCount(KeyCodec.indexPrefix("person"))).isZero();
    }

    @Test
    void deleteAllByIdDeletesOnlyThoseIds() {
        people.saveAll(
                List.of(new Person("a", "A", "X", 1), new Person("b", "B", "Y", 2), new Person("c", "C", "Z", 3)));
        people.deleteAllById(List.of("a", "c", "missing"));
        assertThat(people.findAll()).extracting(Person::getId).containsExactly("b");
    }

    @Test
    void rejectsNullIds() {
        assertThatThrownBy(() -> people.findById(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> people.deleteById(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counters.save(new Counter(null, "x")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("without an id");
    }

    @Test
    void rejectsEntitiesTheCodecCannotWriteAndWritesNothing() {
        assertThatThrownBy(() -> unserializables.save(new Unserializable("u1")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("Cannot encode");
        assertThat(unserializables.count()).isZero();
    }

    @Test
    void rejectsIdsOverTheEngineKeyLimitAndWritesNothing() {
        String hugeId = "i".repeat(70_000);
        assertThatThrownBy(() -> people.save(new Person(hugeId, "A", "B", 1)))
                .isInstanceOf(InvalidDataAccessApiUsageException.class);
        assertThat(rawCount(new byte[0])).isZero();
    }
}
