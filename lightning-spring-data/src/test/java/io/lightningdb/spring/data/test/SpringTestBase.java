package io.lightningdb.spring.data.test;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.spring.data.core.LightningTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Every Spring integration test shares one context; each test starts from an empty database. */
@SpringJUnitConfig(TestConfig.class)
public abstract class SpringTestBase {
    @Autowired
    protected LightningTemplate template;

    @Autowired
    protected EventRecorder events;

    @BeforeEach
    void emptyDatabase() {
        template.execute(tx -> {
            List<byte[]> keys = new ArrayList<>();
            try (KvIterator it = tx.scan(KeyRange.all())) {
                while (it.next()) {
                    keys.add(it.key());
                }
            }
            keys.forEach(tx::delete);
            return null;
        });
        events.clear();
    }

    /** How many raw keys start with {@code prefix} (entities or index entries). */
    protected long rawCount(byte[] prefix) {
        try (var s = template.scanPrefix(prefix)) {
            return s.count();
        }
    }
}
