package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.convert.CborEntityCodec;
import io.lightningdb.spring.data.convert.JsonEntityCodec;
import io.lightningdb.spring.data.test.Person;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecTest {
    @TempDir
    Path dir;

    @Test
    void cborRoundTripsEntitiesAndIsSmallerThanJson() {
        Person ann = new Person("p1", "Ann", "Lee", 30).with("Oslo", true, "annie", "a", "b");
        byte[] cbor = new CborEntityCodec().encode(ann);
        byte[] json = new JsonEntityCodec().encode(ann);
        assertThat(cbor.length).isLessThan(json.length);
        assertThat(new CborEntityCodec().decode(cbor, Person.class)).isEqualTo(ann);

        try (LightningDb db = LightningDb.open(dir)) {
            LightningTemplate template = new LightningTemplate(db, new CborEntityCodec());
            template.save(ann);
            assertThat(template.findById("p1", Person.class)).contains(ann);
            assertThat(new CborEntityCodec().decode(db.get("person:p1".getBytes(StandardCharsets.UTF_8)), Person.class))
                    .isEqualTo(ann);
        }
    }

    @Test
    void jsonToleratesRemovedAndAddedFields() {
        Person p = new JsonEntityCodec()
                .decode(
                        "{\"id\":\"p1\",\"lastName\":\"Lee\",\"removedField\":1}".getBytes(StandardCharsets.UTF_8),
                        Person.class);
        assertThat(p.getLastName()).isEqualTo("Lee");
        assertThat(p.getAge()).isZero();
    }
}
