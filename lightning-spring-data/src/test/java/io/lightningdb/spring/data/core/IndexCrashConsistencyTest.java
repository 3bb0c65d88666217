package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.test.Person;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process is killed (SIGKILL) in the middle of saving and deleting indexed entities; after
 * reopening, the index entries are exactly those the surviving entities need: none missing, none
 * orphaned. Entity and index entries share one atomic engine commit, so no crash can split them.
 */
class IndexCrashConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void indexesMatchEntitiesAfterAKill() throws Exception {
        for (int round = 0; round < 2; round++) {
            killWriterAfter(150 + 100 * round, round);
            try (LightningDb db = LightningDb.open(dir)) {
                LightningTemplate template = new LightningTemplate(db);
                EntityMetadata<Person> meta = template.getEntityMetadata(Person.class);
                Set<String> expected = new HashSet<>();
                for (Person p : template.findAll(Person.class)) {
                    for (byte[] key : EntityWriter.indexKeys(meta, p, KeyCodec.encodeId(p.getId()))) {
                        expected.add(hex(key));
                    }
                }
                Set<String> actual;
                try (var entries = template.scanPrefix(KeyCodec.indexPrefix("person"))) {
                    actual = entries.map(e -> hex(e.key())).collect(Collectors.toSet());
                }
                assertThat(template.count(Person.class)).isPositive();
                assertThat(actual).isEqualTo(expected);
            }
        }
    }

    private void killWriterAfter(int acknowledged, long seed) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(),
                        Long.toString(seed)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            while (seen < acknowledged && out.readLine() != null) {
                seen++;
            }
            assertThat(seen).as("acknowledged writes before the kill").isEqualTo(acknowledged);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
