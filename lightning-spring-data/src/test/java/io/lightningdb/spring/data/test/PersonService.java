package io.lightningdb.spring.data.test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Transactional operations the transaction tests call through Spring's proxy. */
@Service
public class PersonService {
    private final PersonRepository people;
    private final InnerPersonService inner;
    private final MutableClock clock;

    public PersonService(PersonRepository people, InnerPersonService inner, MutableClock clock) {
        this.people = people;
        this.inner = inner;
        this.clock = clock;
    }

    @Transactional
    public void saveAll(List<Person> persons) {
        persons.forEach(people::save);
    }

    @Transactional
    public void saveThenFail(Person person) {
        people.save(person);
        throw new IllegalStateException("boom");
    }

    @Transactional(readOnly = true)
    public List<Person> findReadOnly(String lastName) {
        return people.findByLastName(lastName);
    }

    @Transactional(readOnly = true)
    public void saveReadOnly(Person person) {
        people.save(person);
    }

    /** Saves {@code outer}, has the inner service save {@code nested} in a new transaction, then fails. */
    @Transactional
    public void saveWithIndependentInnerThenFail(Person outer, Person nested) {
        people.save(outer);
        inner.saveInNewTransaction(nested);
        throw new IllegalStateException("outer fails");
    }

    /** Saves {@code outer}; the inner service joins, sees it, and saves {@code nested}. */
    @Transactional
    public Optional<Person> saveWithJoiningInner(Person outer, Person nested) {
        people.save(outer);
        return inner.saveJoining(nested, outer.getId());
    }

    /** The inner joined call fails; swallowing its exception cannot save the outer transaction. */
    @Transactional
    public void saveSwallowingInnerFailure(Person outer, Person nested) {
        people.save(outer);
        try {
            inner.saveJoiningThenFail(nested);
        } catch (IllegalStateException expected) {
            // the shared transaction is already marked rollback-only
        }
    }

    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void readCommitted() {
        people.count();
    }

    @Transactional(timeout = 5)
    public void saveAndOverrunTimeout(Person person, Duration overrun) {
        people.save(person);
        clock.advance(overrun);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long mandatory() {
        return people.count();
    }
}
