package io.lightningdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionTest {
    private static final byte[] KEY_1 = key(1);
    private static final byte[] KEY_2 = key(2);

    @TempDir
    Path dir;

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i * 7);
        }
        return k;
    }

    private static LightningConfig config(KeyProvider keys) {
        return LightningConfig.builder()
                .encryption(keys)
                .walSyncMode(WalSyncMode.NORMAL)
                .writeBufferSize(32 * 1024)
                .backgroundCompaction(false)
                .build();
    }

    private static void write(LightningDb db, String marker, int count) {
        for (int i = 0; i < count; i++) {
            db.put(marker + "-key-" + i, marker + "-value-" + i + "-plaintext-payload");
        }
    }

    private static void assertReads(LightningDb db, String marker, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(db.get(marker + "-key-" + i)).isEqualTo(marker + "-value-" + i + "-plaintext-payload");
        }
    }

    /**
     * Every file under {@code root}, read whole. The open database retires an old log in the
     * background after a flush; a file that vanishes mid-walk means walking again.
     */
    private static List<byte[]> allFileBytes(Path root) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readAll(root);
            } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException e) {
                boolean vanished = e instanceof java.nio.file.NoSuchFileException
                        || e.getCause() instanceof java.nio.file.NoSuchFileException;
                if (!vanished || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static List<byte[]> readAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> {
                        try {
                            return Files.readAllBytes(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void assertNoPlaintext(Path root, String... fragments) throws IOException {
        List<byte[]> files = allFileBytes(root);
        assertThat(files).isNotEmpty();
        for (String fragment : fragments) {
            byte[] needle = fragment.getBytes(UTF_8);
            assertThat(files.stream().anyMatch(f -> contains(f, needle)))
                    .as("'%s' appears in a file under %s", fragment, root)
                    .isFalse();
        }
    }

    @Test
    void noKeyOrValueAppearsInPlainInAnyFileWhileOpenAfterFlushAndInBackups() throws IOException {
        KeyProvider keys = KeyProvider.of(1, Map.of(1, KEY_1));
        try (LightningDb db = LightningDb.open(dir.resolve("db"), config(keys))) {
            write(db, "alpha", 300);
            db.flush(); // tables and manifest
            write(db, "beta", 50); // still only in the log
            assertNoPlaintext(dir.resolve("db"), "alpha-key", "alpha-value", "beta-key", "beta-value", "plaintext");
            db.backup(dir.resolve("backup"));
            db.backupTo(dir.resolve("backups"));
        }
        assertNoPlaintext(dir, "alpha-key", "alpha-value", "beta-key", "beta-value", "plaintext");
        try (LightningDb db = LightningDb.open(dir.resolve("db"), config(keys))) {
            assertReads(db, "alpha", 300);
            assertReads(db, "beta", 50);
            assertThat(db.verify().problems()).isEmpty();
        }
        try (LightningDb copy = LightningDb.open(dir.resolve("backup"), config(keys))) {
            assertReads(copy, "beta", 50);
        }
    }

    @Test
    void wrongOrMissingKeyFailsTheOpenWithAClearErrorThatRevealsNoKey() {
        try (LightningDb db = LightningDb.open(dir, config(KeyProvider.of(1, Map.of(1, KEY_1))))) {
            write(db, "alpha", 10);
        }
        String wrongKey = Base64.getEncoder().encodeToString(KEY_2);
        assertThatThrownBy(() -> LightningDb.open(dir, config(KeyProvider.ofBase64(1, wrongKey))))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining("MANIFEST")
                .hasMessageContaining("key 1")
                .hasMessageNotContaining(wrongKey)
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(KEY_1));
        assertThatThrownBy(() -> LightningDb.open(dir, config(KeyProvider.of(2, Map.of(2, KEY_2)))))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining("key 1");
        assertThatThrownBy(() -> LightningDb.open(dir, LightningConfig.defaults()))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining("no encryption key is configured");
        // The failed opens released the directory and changed nothing.
        try (LightningDb db = LightningDb.open(dir, config(KeyProvider.of(1, Map.of(1, KEY_1))))) {
            assertReads(db, "alpha", 10);
        }
    }

    @Test
    void rotationReadsDataUnderTwoKeysThenRewriteMovesEverythingToTheNewKey() {
        try (LightningDb db = LightningDb.open(dir, config(KeyProvider.of(1, Map.of(1, KEY_1))))) {
            write(db, "old", 200);
            db.flush();
        }
        KeyProvider both = KeyProvider.of(2, Map.of(1, KEY_1, 2, KEY_2));
        try (LightningDb db = LightningDb.open(dir, config(both))) {
            write(db, "new", 200);
            db.flush();
            assertReads(db, "old", 200);
            assertReads(db, "new", 200);
        }
        KeyProvider onlyNew = KeyProvider.of(2, Map.of(2, KEY_2));
        assertThatThrownBy(() -> {
                    try (LightningDb db = LightningDb.open(dir, config(onlyNew))) {
                        assertReads(db, "old", 200);
                    }
                })
                .as("tables under key 1 still need it")
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining("key 1");
        try (LightningDb db = LightningDb.open(dir, config(both))) {
            db.rewriteWithCurrentKey();
            assertReads(db, "old", 200);
        }
        try (LightningDb db = LightningDb.open(dir, config(onlyNew))) {
            assertReads(db, "old", 200);
            assertReads(db, "new", 200);
            assertThat(db.verify().problems()).isEmpty();
        }
    }

    @Test
    void archivedLogsStayEncryptedAndPointInTimeRestoreDecryptsThem() throws IOException {
        LightningConfig config = config(KeyProvider.of(1, Map.of(1, KEY_1))).toBuilder()
                .walArchiveDirectory(dir.resolve("archive"))
                .build();
        long target;
        try (LightningDb db = LightningDb.open(dir.resolve("db"), config)) {
            write(db, "alpha", 10);
            db.backupTo(dir.resolve("backups"));
            write(db, "beta", 10);
            target = db.stats().lastSequence();
            write(db, "gamma", 10);
            db.checkpoint();
        }
        assertNoPlaintext(dir, "alpha-key", "beta-key", "gamma-key", "plaintext");
        long reached = Backups.restoreToSequence(
                dir.resolve("backups"), 1, dir.resolve("archive"), dir.resolve("pit"), target, config);
        assertThat(reached).isEqualTo(target);
        try (LightningDb db = LightningDb.open(dir.resolve("pit"), config(KeyProvider.of(1, Map.of(1, KEY_1))))) {
            assertReads(db, "alpha", 10);
            assertReads(db, "beta", 10);
            assertThat(db.get("gamma-key-0")).isNull();
        }
    }

    @Test
    void keyMaterialNeverAppearsInToStringOrBadKeyErrors(@TempDir Path keyDir) throws IOException {
        String b64 = Base64.getEncoder().encodeToString(KEY_1);
        KeyProvider keys = KeyProvider.ofBase64(1, b64);
        LightningConfig config = LightningConfig.builder().encryption(keys).build();
        assertThat(keys.toString()).doesNotContain(b64).contains("1");
        assertThat(config.toString()).doesNotContain(b64).contains("encryption=on");

        Path file = keyDir.resolve("keys");
        Files.writeString(
                file,
                "primary=2\nkey.1=" + b64 + "\nkey.2=" + Base64.getEncoder().encodeToString(KEY_2));
        assertThat(KeyProvider.fromFile(file).primaryKeyId()).isEqualTo(2);
        assertThat(KeyProvider.fromFile(file).key(1)).isEqualTo(KEY_1);

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyProvider.ofBase64(1, shortKey))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyProvider.ofBase64(1, "not base64 !" + b64))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageNotContaining(b64);
    }
}
