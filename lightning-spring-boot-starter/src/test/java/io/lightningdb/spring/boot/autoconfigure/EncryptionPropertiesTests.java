package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.EncryptionKeyException;
import io.lightningdb.KeyProvider;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class EncryptionPropertiesTests {
    private static final String SECRET = "plaintext-that-must-not-reach-disk";

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private final String key = newKey();
    private final String otherKey = newKey();

    @Test
    void aKeyEncryptsEveryFileAndReopensTheDatabase(CapturedOutput output) throws IOException {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key=" + key)
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().encryption()).isNotNull();
                    assertThat(db.config().toString()).doesNotContain(key);
                    db.put("k1", SECRET);
                    db.flush(); // a table file as well as the log
                    db.put("k2", SECRET);
                });
        assertNoFileContains(dir, SECRET);

        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key=" + key)
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.get("k1")).isEqualTo(SECRET);
                    assertThat(db.get("k2")).isEqualTo(SECRET);
                });
        assertThat(output.getAll()).contains("encryption=on").doesNotContain(key);
    }

    @Test
    void aWrongKeyFailsStartupWithAClearMessageThatDoesNotShowTheKey() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key=" + key)
                .run(context -> context.getBean(LightningDb.class).put("k", SECRET));

        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key=" + otherKey)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    assertThat(Failures.find(failure, EncryptionKeyException.class))
                            .isNotNull();
                    FailureAnalysis analysis = new EncryptionKeyFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains("could not be opened");
                    assertThat(analysis.getAction()).contains("lightning.db.encryption.key");
                    String everything = Failures.describe(failure) + analysis.getDescription() + analysis.getAction();
                    assertThat(everything).doesNotContain(key).doesNotContain(otherKey);
                });
    }

    @Test
    void aMalformedKeyFailsStartupNamingThePropertyNotTheValue() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : List.of(shortKey, "not*base64*at*all")) {
            LightningRunners.core(dir)
                    .withPropertyValues("lightning.db.encryption.key=" + bad)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        EncryptionKeyException e =
                                Failures.find(context.getStartupFailure(), EncryptionKeyException.class);
                        assertThat(e).hasMessageContaining("lightning.db.encryption.key");
                        assertThat(Failures.describe(context.getStartupFailure()))
                                .doesNotContain(bad);
                    });
        }
    }

    @Test
    void aKeyFileEncryptsWithItsPrimaryKey() throws IOException {
        Path keyFile = elsewhere.resolve("keys");
        Files.writeString(keyFile, "primary=2\nkey.1=" + otherKey + "\nkey.2=" + key + "\n");
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key-file=" + keyFile)
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().encryption().primaryKeyId()).isEqualTo(2);
                    db.put("k", SECRET);
                    db.flush();
                });
        assertNoFileContains(dir, SECRET);
        // Written under key 2: that key alone opens it.
        try (LightningDb db = LightningDb.open(dir, withKey(KeyProvider.ofBase64(2, key)))) {
            assertThat(db.get("k")).isEqualTo(SECRET);
        }
    }

    @Test
    void aMissingKeyFileFailsNamingTheProperty() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key-file=" + elsewhere.resolve("absent"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    var e = Failures.find(
                            context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
                    assertThat(e.getName()).isEqualTo("lightning.db.encryption.key-file");
                });
    }

    @Test
    void keyAndKeyFileTogetherFailNamingBoth() {
        LightningRunners.core(dir)
                .withPropertyValues(
                        "lightning.db.encryption.key=" + key,
                        "lightning.db.encryption.key-file=" + elsewhere.resolve("keys"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    var e = Failures.find(
                            context.getStartupFailure(), MutuallyExclusiveConfigurationPropertiesException.class);
                    assertThat(e.getConfiguredNames())
                            .containsExactlyInAnyOrder(
                                    "lightning.db.encryption.key", "lightning.db.encryption.key-file");
                    assertThat(Failures.describe(context.getStartupFailure())).doesNotContain(key);
                });
    }

    @Test
    void aKeyProviderBeanWinsOverTheProperty() {
        KeyProvider bean = KeyProvider.ofBase64(7, key);
        LightningRunners.core(dir)
                .withBean(KeyProvider.class, () -> bean)
                .withPropertyValues("lightning.db.encryption.key=" + otherKey)
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().encryption()).isSameAs(bean);
                    db.put("k", SECRET);
                });
        try (LightningDb db = LightningDb.open(dir, withKey(bean))) {
            assertThat(db.get("k")).isEqualTo(SECRET);
        }
        assertThatThrownBy(() -> LightningDb.open(dir, withKey(KeyProvider.ofBase64(1, otherKey))))
                .isInstanceOf(EncryptionKeyException.class);
    }

    @Test
    void aBlankKeyMeansNoEncryption() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.encryption.key=")
                .run(context -> assertThat(
                                context.getBean(LightningDb.class).config().encryption())
                        .isNull());
    }

    @Test
    void propertiesToStringHidesTheKey() {
        LightningProperties properties = new LightningProperties();
        properties.getEncryption().setKey(key);
        assertThat(properties.getEncryption().toString()).doesNotContain(key).contains("******");
    }

    private static LightningConfig withKey(KeyProvider keys) {
        return LightningConfig.builder().encryption(keys).build();
    }

    private static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static void assertNoFileContains(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(indexOf(Files.readAllBytes(f), needle))
                    .as("plaintext in %s", f)
                    .isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
