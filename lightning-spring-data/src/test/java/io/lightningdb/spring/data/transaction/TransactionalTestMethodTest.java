package io.lightningdb.spring.data.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.annotation.Transactional;

/** Spring's test support runs a @Transactional test in a Lightning transaction and rolls it back. */
class TransactionalTestMethodTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @Test
    @Transactional
    void writesOfATransactionalTestAreVisibleInsideIt() {
        people.save(new Person("t1", "Tess", "Lee", 30));
        assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("t1");
    }

    @AfterTransaction
    void andRolledBackAfterIt() {
        assertThat(people.count()).isZero();
    }
}
