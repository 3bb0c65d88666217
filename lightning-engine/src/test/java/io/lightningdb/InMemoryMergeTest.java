package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memtable's background merges (once scanned, it freezes its newest run every eighth of the
 * write buffer and merges it into a run in key order) seen through the public API: reads at the latest sequence
 * and at a snapshot taken before the merges match a model, in both scan directions, while the
 * memtable is made of one, two or three runs.
 */
class InMemoryMergeTest {
    @TempDir
    Path dir;

    @Test
    void readsMatchTheModelAcrossMerges() {
        LightningConfig config = LightningConfig.builder()
                .writeBufferSize(1024 * 1024) // merges every 128 KiB, a flush every ~10 merges
                .walSyncMode(WalSyncMode.NORMAL)
                .build();
        TreeMap<String, String> model = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(99);
        try (LightningDb db = LightningDb.open(dir, config)) {
            for (int i = 0; i < 2_000; i++) {
                write(db, model, random);
            }
            TreeMap<String, String> atSnapshot = new TreeMap<>(model);
            try (Snapshot snapshot = db.snapshot()) {
                for (int i = 0; i < 25_000; i++) { // ~2.5 MB of entries: dozens of merges, two flushes
                    write(db, model, random);
                    if (i % 5_000 == 4_999) {
                        assertMatches(db, model);
                    }
                }
                assertMatches(db, model);
                for (var e : atSnapshot.entrySet()) {
                    assertThat(snapshot.get(e.getKey().getBytes(UTF_8)))
                            .isEqualTo(e.getValue().getBytes(UTF_8));
                }
                assertThat(entries(snapshot.scan(KeyRange.all()))).containsExactlyElementsOf(list(atSnapshot));
            }
        }
        try (LightningDb db = LightningDb.open(dir, config)) { // and after recovery
            assertMatches(db, model);
        }
    }

    private static void write(LightningDb db, TreeMap<String, String> model, SplittableRandom random) {
        String key = String.format("user:%05d", random.nextInt(8_000));
        if (random.nextInt(10) == 0) {
            db.delete(key);
            model.remove(key);
        } else {
            String value = key + "/" + random.nextLong() + "-".repeat(random.nextInt(60));
            db.put(key, value);
            model.put(key, value);
        }
    }

    private static void assertMatches(LightningDb db, TreeMap<String, String> model) {
        for (int k = 0; k < 8_000; k += 7) {
            String key = String.format("user:%05d", k);
            byte[] v = db.get(key.getBytes(UTF_8));
            assertThat(v == null ? null : new String(v, UTF_8)).as(key).isEqualTo(model.get(key));
        }
        assertThat(entries(db.scan(KeyRange.all()))).containsExactlyElementsOf(list(model));
        List<String> reversed = new ArrayList<>(list(model));
        Collections.reverse(reversed);
        assertThat(entries(db.scan(KeyRange.all().reverse()))).containsExactlyElementsOf(reversed);
        assertThat(entries(db.scan(KeyRange.prefix("user:04"))))
                .containsExactlyElementsOf(list(model.subMap("user:04", "user:05")));
    }

    private static List<String> entries(KvIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.next()) {
                out.add(new String(it.key(), UTF_8) + "=" + new String(it.value(), UTF_8));
            }
        }
        return out;
    }

    private static List<String> list(Map<String, String> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
