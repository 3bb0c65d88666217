package io.lightningdb.spring.data.test;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The callee of propagation tests (a separate bean, so calls go through the proxy). */
@Service
public class InnerPersonService {
    private final PersonRepository people;

    public InnerPersonService(PersonRepository people) {
        this.people = people;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void saveInNewTransaction(Person person) {
        people.save(person);
    }

    @Transactional
    public Optional<Person> saveJoining(Person person, String outerId) {
        people.save(person);
        return people.findById(outerId);
    }

    @Transactional
    public void saveJoiningThenFail(Person person) {
        people.save(person);
        throw new IllegalStateException("inner fails");
    }
}
