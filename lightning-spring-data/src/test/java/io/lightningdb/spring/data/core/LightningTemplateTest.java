package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.query.Condition;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.LightningQuery;
import io.lightningdb.spring.data.query.Operator;
import io.lightningdb.spring.data.test.Account;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.data.domain.Sort;

class LightningTemplateTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @Test
    void insertAndUpdateCheckExistence() {
        template.insert(new Person("p1", "Ann", "Lee", 30));
        assertThatThrownBy(() -> template.insert(new Person("p1", "Eve", "Lee", 1)))
                .isInstanceOf(DuplicateKeyException.class);
        template.update(new Person("p1", "Ann", "Lee", 31));
        assertThatThrownBy(() -> template.update(new Person("p2", "Bob", "Kim", 1)))
                .isInstanceOf(IncorrectUpdateSemanticsDataAccessException.class);
        assertThat(template.findAll(Person.class)).extracting(Person::getAge).containsExactly(31);
    }

    @Test
    void partialUpdatesMaintainIndexesAndVersions() {
        template.save(new Person("p1", "Ann", "Lee", 30));
        Person updated = template.update(
                PartialUpdate.of(Person.class, "p1").set("lastName", "Kim").set("age", "31"));
        assertThat(updated.getLastName()).isEqualTo("Kim");
        assertThat(updated.getAge()).isEqualTo(31);
        assertThat(people.findByLastName("Lee")).isEmpty();
        assertThat(people.findByAgeGreaterThan(30))
                .extracting(Person::getFirstName)
                .containsExactly("Ann");

        Account account = template.save(new Account("a", "ann", 5));
        Account credited = template.update(PartialUpdate.of(Account.class, "a").set("balance", 7L));
        assertThat(credited.getVersion()).isEqualTo(account.getVersion() + 1);
        assertThatThrownBy(() ->
                        template.update(PartialUpdate.of(Person.class, "none").set("age", 1)))
                .isInstanceOf(EmptyResultDataAccessException.class);
    }

    @Test
    void executeRunsAnAtomicBatch() {
        assertThatThrownBy(() -> template.execute(tx -> {
                    template.save(new Person("p1", "Ann", "Lee", 30));
                    template.put("raw".getBytes(StandardCharsets.UTF_8), new byte[] {1});
                    throw new IllegalStateException("abort");
                }))
                .hasMessageContaining("abort");
        assertThat(template.count(Person.class)).isZero();
        assertThat(template.get("raw".getBytes(StandardCharsets.UTF_8))).isNull();

        long count = template.execute(tx -> {
            template.saveAll(List.of(new Person("p1", "Ann", "Lee", 30), new Person("p2", "Bob", "Kim", 40)));
            tx.put("raw".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            return template.count(Person.class); // sees its own uncommitted writes
        });
        assertThat(count).isEqualTo(2);
        assertThat(template.get("raw".getBytes(StandardCharsets.UTF_8))).containsExactly(1);
    }

    @Test
    void rawPrefixScans() {
        template.save(new Person("p1", "Ann", "Lee", 30));
        template.save(new Person("p2", "Bob", "Kim", 40));
        try (Stream<RawEntry> entries = template.scanPrefix("person:".getBytes(StandardCharsets.UTF_8))) {
            assertThat(entries.map(RawEntry::keyAsString)).containsExactly("person:p1", "person:p2");
        }
        try (Stream<RawEntry> entries = template.scanPrefix("person:p2".getBytes(StandardCharsets.UTF_8))) {
            assertThat(entries.findFirst().orElseThrow().valueAsString()).contains("\"firstName\":\"Bob\"");
        }
    }

    @Test
    void queriesThroughTheTemplate() {
        template.saveAll(List.of(
                new Person("p1", "Ann", "Lee", 30),
                new Person("p2", "Bob", "Lee", 40),
                new Person("p3", "Cy", "Kim", 50)));
        Criteria lees = Criteria.where(new Condition("lastName", Operator.EQUALS, List.of("Lee"), false));
        assertThat(template.find(
                        LightningQuery.of(lees)
                                .sorted(Sort.by(Sort.Direction.DESC, "age"))
                                .limit(1),
                        Person.class))
                .extracting(Person::getId)
                .containsExactly("p2");
        assertThat(template.count(lees, Person.class)).isEqualTo(2);
        assertThat(template.exists(lees, Person.class)).isTrue();
        assertThat(template.findAll(Person.class, Sort.by(Sort.Direction.DESC, "age")))
                .extracting(Person::getId)
                .containsExactly("p3", "p2", "p1");
    }
}
