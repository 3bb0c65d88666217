package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class BackupPropertiesTests {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void walArchiveDirectoryReachesTheEngineAndReceivesRetiredSegments() throws Exception {
        Path archive = elsewhere.resolve("wal-archive");
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.backup.wal-archive-directory=" + archive)
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    assertThat(db.config().walArchiveDirectory()).isEqualTo(archive.toAbsolutePath());
                    db.put("k", "v");
                    db.checkpoint(); // the segment's writes are now in a table: it is archived
                });
        try (Stream<Path> files = Files.list(archive)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".log"));
        }
    }

    @Test
    void noArchiveByDefault() {
        LightningRunners.core(dir)
                .run(context -> assertThat(
                                context.getBean(LightningDb.class).config().walArchiveDirectory())
                        .isNull());
    }

    @Test
    void keepBelowOneFails() {
        assertFailsNaming(
                "lightning.db.backup.keep", "lightning.db.backup.directory=" + elsewhere, "lightning.db.backup.keep=0");
    }

    @Test
    void keepWithoutDirectoryFails() {
        assertFailsNaming("lightning.db.backup.keep", "lightning.db.backup.keep=3");
    }

    @Test
    void backupDirectoryInsideTheDatabaseFails() {
        assertFailsNaming("lightning.db.backup.directory", "lightning.db.backup.directory=" + dir.resolve("backups"));
    }

    @Test
    void walArchiveInsideTheDatabaseFails() {
        assertFailsNaming(
                "lightning.db.backup.wal-archive-directory",
                "lightning.db.backup.wal-archive-directory=" + dir.resolve("wal"));
    }

    private void assertFailsNaming(String name, String... properties) {
        LightningRunners.core(dir).withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            var e = Failures.find(context.getStartupFailure(), InvalidConfigurationPropertyValueException.class);
            assertThat(e).isNotNull();
            assertThat(e.getName()).isEqualTo(name);
        });
    }
}
