package io.lightningdb.spring.data.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataRetrievalFailureException;

class IndexMaintenanceTest extends SpringTestBase {
    private static final byte[] PERSON_INDEX = KeyCodec.indexPrefix("person");

    @Autowired
    PersonRepository people;

    @Test
    void everyIndexedPropertyHasOneEntryPerEntity() {
        people.saveAll(List.of(new Person("a", "A", "Lee", 1), new Person("b", "B", "Kim", 2)));
        assertThat(rawCount(PERSON_INDEX)).isEqualTo(8); // lastName, age, active, born
        assertThat(rawCount(KeyCodec.indexPrefix("person", "lastName"))).isEqualTo(2);
    }

    @Test
    void updatesMoveIndexEntries() {
        people.save(new Person("a", "A", "Lee", 30));
        Person changed = new Person("a", "A", "Kim", 31);
        people.save(changed);

        assertThat(people.findByLastName("Lee")).isEmpty();
        assertThat(people.findByAgeBetween(30, 30)).isEmpty();
        assertThat(people.findByLastName("Kim")).containsExactly(changed);
        assertThat(people.findByAgeGreaterThanEqual(31)).containsExactly(changed);
        assertThat(rawCount(PERSON_INDEX)).isEqualTo(4);
    }

    @Test
    void deletesRemoveIndexEntries() {
        people.saveAll(List.of(new Person("a", "A", "Lee", 30), new Person("b", "B", "Lee", 30)));
        people.deleteById("a");
        assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("b");
        assertThat(rawCount(PERSON_INDEX)).isEqualTo(4);
        people.delete(people.findById("b").orElseThrow());
        assertThat(rawCount(PERSON_INDEX)).isZero();
    }

    @Test
    void indexedPredicatesDoNotReadTheRestOfTheKeyspace() {
        people.saveAll(List.of(new Person("a", "A", "Lee", 30), new Person("b", "B", "Kim", 40)));
        // a value no codec can read: any query that scans the keyspace trips over it
        template.put("person:zzz".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, 0x00});

        assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("a");
        assertThat(people.findByAgeBetween(35, 45)).extracting(Person::getId).containsExactly("b");
        assertThat(people.findByLastNameOrAge("Kim", 30))
                .extracting(Person::getId)
                .containsExactly("a", "b");
        assertThatThrownBy(() -> people.findByFirstName("A")).isInstanceOf(DataRetrievalFailureException.class);
    }

    @Test
    void staleIndexEntriesNeverProduceResults() {
        people.save(new Person("a", "A", "Lee", 30));
        byte[] lee = KeyCodec.concat(KeyCodec.indexPrefix("person", "lastName"), IndexValueEncoder.encode("Lee"));
        // an entry for an entity that does not exist, and one for an entity whose value differs
        template.put(KeyCodec.concat(lee, KeyCodec.encodeId("ghost")), KeyCodec.encodeId("ghost"));
        people.save(new Person("b", "B", "Kim", 30));
        template.put(KeyCodec.concat(lee, KeyCodec.encodeId("b")), KeyCodec.encodeId("b"));

        assertThat(people.findByLastName("Lee")).extracting(Person::getId).containsExactly("a");
    }
}
