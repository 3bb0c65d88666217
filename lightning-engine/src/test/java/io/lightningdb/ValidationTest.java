package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is rejected precisely and changes nothing; the small contracts of the API hold. */
class ValidationTest {
    private static final byte[] KEY = bytes("key");
    private static final byte[] VALUE = bytes("value");

    @TempDir
    Path tempDir;

    private LightningDb db;

    @AfterEach
    void closeDb() {
        if (db != null) {
            db.close();
        }
    }

    private LightningDb open(LightningConfig config) {
        db = LightningDb.open(tempDir.resolve("db"), config);
        return db;
    }

    private LightningDb open() {
        return open(LightningConfig.defaults());
    }

    @Test
    void nullArgumentsThrowNullPointerException() {
        open();
        List<ThrowingCallable> calls = List.of(
                () -> db.put((byte[]) null, VALUE),
                () -> db.put(KEY, (byte[]) null),
                () -> db.put((String) null, "v"),
                () -> db.put("k", (String) null),
                () -> db.get((byte[]) null),
                () -> db.get((String) null),
                () -> db.delete((byte[]) null),
                () -> db.delete((String) null),
                () -> db.exists((byte[]) null),
                () -> db.exists((String) null),
                () -> db.write(null),
                () -> db.getBatch(null),
                () -> db.getBatch(Arrays.asList(KEY, null)),
                () -> db.scan(null));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
        }
        assertThat(db.exists(KEY)).isFalse();
    }

    @Test
    void emptyKeyIsRejected() {
        open();
        byte[] empty = new byte[0];
        List<ThrowingCallable> calls = List.of(
                () -> db.put(empty, VALUE),
                () -> db.put("", "v"),
                () -> db.get(empty),
                () -> db.exists(empty),
                () -> db.delete(empty),
                () -> db.write(WriteBatch.create().put(empty, VALUE)),
                () -> db.write(WriteBatch.create().delete(empty)));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysUpToTheDefaultLimitAreAcceptedAndLongerOnesRejected() {
        open();
        int limit = LightningConfig.defaults().maxKeySize();
        byte[] longest = filled(limit, 'k');
        db.put(longest, VALUE);
        assertThat(db.get(longest)).isEqualTo(VALUE);

        byte[] tooLong = filled(limit + 1, 'k');
        assertThatThrownBy(() -> db.put(tooLong, VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.write(WriteBatch.create().put(tooLong, VALUE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configuredKeyAndValueLimitsAreEnforced() {
        open(LightningConfig.builder().maxKeySize(16).maxValueSize(100).build());
        db.put(filled(16, 'a'), filled(100, 'v'));
        assertThat(db.get(filled(16, 'a'))).isEqualTo(filled(100, 'v'));

        assertThatThrownBy(() -> db.put(filled(17, 'b'), VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.put(KEY, filled(101, 'v'))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.put(filled(16, 'a'), filled(101, 'w')))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(db.exists(KEY)).isFalse();
        assertThat(db.get(filled(16, 'a')))
                .as("a rejected put keeps the old value")
                .isEqualTo(filled(100, 'v'));
    }

    @Test
    void valuesOverTheDefaultLimitAreRejected() {
        open();
        byte[] tooLarge = new byte[LightningConfig.defaults().maxValueSize() + 1];
        assertThatThrownBy(() -> db.put(KEY, tooLarge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.exists(KEY)).isFalse();
    }

    @Test
    void emptyValueIsStoredAndDiffersFromAbsent() {
        open();
        db.put(KEY, new byte[0]);
        assertThat(db.get(KEY)).isEmpty();
        assertThat(db.exists(KEY)).isTrue();
    }

    @Test
    void batchWithOneBadOperationAppliesNothing() {
        open(LightningConfig.builder().maxKeySize(16).maxValueSize(100).build());
        db.put("existing", "old");
        List<WriteBatch> badBatches = List.of(
                WriteBatch.create().put("a", "1").delete("existing").put(new byte[0], VALUE),
                WriteBatch.create().put("a", "1").delete("existing").put(filled(17, 'k'), VALUE),
                WriteBatch.create().put("a", "1").delete("existing").put(KEY, filled(101, 'v')),
                WriteBatch.create().put("a", "1").delete("existing").delete(filled(17, 'k')),
                WriteBatch.create().put(filled(17, 'k'), VALUE).put("a", "1").delete("existing"));
        for (WriteBatch batch : badBatches) {
            assertThatThrownBy(() -> db.write(batch)).isInstanceOf(IllegalArgumentException.class);
            assertThat(db.get("a")).isNull();
            assertThat(db.get("existing")).isEqualTo("old");
            assertThat(db.exists(KEY)).isFalse();
        }
    }

    @Test
    void everyCallAfterCloseThrowsDatabaseClosedException() {
        LightningDb closed = open();
        closed.put(KEY, VALUE);
        closed.close();
        List<ThrowingCallable> calls = List.of(
                () -> closed.put(KEY, VALUE),
                () -> closed.put("k", "v"),
                () -> closed.get(KEY),
                () -> closed.get("k"),
                () -> closed.delete(KEY),
                () -> closed.delete("k"),
                () -> closed.exists(KEY),
                () -> closed.exists("k"),
                () -> closed.write(WriteBatch.create().put(KEY, VALUE)),
                () -> closed.getBatch(List.of(KEY)),
                () -> closed.scan(KeyRange.all()),
                closed::flush,
                closed::compact,
                closed::stats);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(DatabaseClosedException.class);
        }
    }

    @Test
    void closeIsIdempotent() {
        LightningDb closed = open();
        closed.close();
        assertThatNoException().isThrownBy(closed::close);
    }

    @Test
    void openIteratorFailsAfterTheDatabaseCloses() {
        open();
        db.put("a", "1");
        db.put("b", "2");
        KvIterator it = db.scan(KeyRange.all());
        assertThat(it.next()).isTrue();
        db.close();
        assertThatThrownBy(it::next).isInstanceOf(DatabaseClosedException.class);
        assertThatNoException().isThrownBy(it::close);
    }

    @Test
    void closedIteratorFails() {
        open();
        db.put("a", "1");
        KvIterator it = db.scan(KeyRange.all());
        it.close();
        assertThatThrownBy(it::next).isInstanceOf(DatabaseClosedException.class);
        assertThatNoException().isThrownBy(it::close);
    }

    @Test
    void deleteReportsWhetherTheKeyExisted() {
        open();
        assertThat(db.delete(KEY)).isFalse();
        db.put(KEY, VALUE);
        assertThat(db.delete(KEY)).isTrue();
        assertThat(db.delete(KEY)).isFalse();

        // The same once the key lives in a table rather than the memtable.
        db.put(KEY, VALUE);
        db.flush();
        assertThat(db.delete("key")).isTrue();
        db.flush();
        assertThat(db.delete("key")).isFalse();
        assertThat(db.get(KEY)).isNull();
    }

    @Test
    void stringOverloadsUseUtf8() {
        open();
        String key = "ключ-ü-日本-😀";
        String value = "значение-€-𝄞";
        db.put(key, value);

        assertThat(db.get(key)).isEqualTo(value);
        assertThat(db.get(key.getBytes(UTF_8))).isEqualTo(value.getBytes(UTF_8));
        assertThat(db.exists(key.getBytes(UTF_8))).isTrue();
        try (KvIterator it = db.scan(KeyRange.prefix("ключ"))) {
            assertThat(it.next()).isTrue();
            assertThat(it.keyAsString()).isEqualTo(key);
            assertThat(it.valueAsString()).isEqualTo(value);
            assertThat(it.next()).isFalse();
        }
        assertThat(db.delete(key)).isTrue();
        assertThat(db.get(key)).isNull();
    }

    @Test
    void getBatchKeepsOrderWithNullsForMissingKeys() {
        open();
        db.put("b", "2");
        db.put("a", "1");
        db.put("c", "3");
        db.delete("c");

        List<byte[]> values = db.getBatch(List.of(bytes("c"), bytes("a"), bytes("missing"), bytes("b"), bytes("a")));

        assertThat(values).containsExactly(null, bytes("1"), null, bytes("2"), bytes("1"));
        assertThat(db.getBatch(List.of())).isEmpty();
    }

    @Test
    void filesAreReadableByTheOwnerOnly() throws IOException {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        open(LightningConfig.builder().writeBufferSize(4096).build());
        for (int i = 0; i < 200; i++) {
            db.put("key-" + i, "value-" + i);
        }
        db.flush();
        db.close();

        Set<PosixFilePermission> ownerOnly = EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        try (Stream<Path> paths = Files.walk(tempDir.resolve("db"))) {
            for (Path path : paths.toList()) {
                assertThat(ownerOnly).as("permissions of %s", path).containsAll(Files.getPosixFilePermissions(path));
                if (Files.isRegularFile(path)) {
                    assertThat(Files.getPosixFilePermissions(path))
                            .as("permissions of %s", path)
                            .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
