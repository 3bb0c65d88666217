package io.lightningdb.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.BackupInfo;
import io.lightningdb.Backups;
import io.lightningdb.LightningDb;
import io.lightningdb.LightningException;
import io.lightningdb.WriteChannelFactory;
import io.lightningdb.spring.boot.actuate.health.LightningHealthContributorAutoConfiguration;
import io.lightningdb.spring.boot.actuate.health.LightningHealthIndicator;
import io.lightningdb.spring.boot.autoconfigure.LightningConfigCustomizer;
import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class LightningHealthIndicatorTests {
    @TempDir
    Path dir;

    @TempDir
    Path backups;

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(LightningHealthContributorAutoConfiguration.class));
    }

    @Test
    void upWithDetailsWhileOpen() {
        runner().run(context -> {
            context.getBean(LightningDb.class).put("k", "v");
            Health health = context.getBean("lightningHealthIndicator", LightningHealthIndicator.class)
                    .health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("path", dir.toAbsolutePath().toString())
                    .containsKeys("diskFree", "files", "pendingCompactions", "activeTransactions");
        });
    }

    @Test
    void downOnceClosed() {
        runner().run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            db.close();
            Health health = context.getBean(LightningHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "database is closed");
        });
    }

    @Test
    void downOnceTheEngineEntersItsErrorState() {
        AtomicBoolean diskFailing = new AtomicBoolean();
        WriteChannelFactory failingDisk = (file, options, attributes) -> {
            if (diskFailing.get()) {
                throw new IOException("injected: disk failed");
            }
            return FileChannel.open(file, options, attributes);
        };
        runner().withBean(LightningConfigCustomizer.class, () -> builder -> builder.writeChannelFactory(failingDisk))
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    db.put("k", "v");
                    diskFailing.set(true);
                    assertThatThrownBy(db::flush).isInstanceOf(LightningException.class);
                    assertThat(db.failure()).isPresent();

                    Health health =
                            context.getBean(LightningHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error").toString()).contains("injected: disk failed");
                });
    }

    @Test
    void downWhenFreeDiskSpaceIsBelowTheThreshold() {
        runner().withPropertyValues("lightning.db.health.disk-space-threshold=" + Long.MAX_VALUE + "B")
                .run(context -> {
                    Health health =
                            context.getBean(LightningHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("error", "free disk space below threshold");
                });
    }

    @Test
    void canBeDisabled() {
        runner().withPropertyValues("management.health.lightning.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LightningHealthIndicator.class));
    }

    @Test
    void directUseReportsUp() {
        try (LightningDb db = LightningDb.open(dir)) {
            Health health = new LightningHealthIndicator(db, DataSize.ofBytes(1)).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void showsTheLastBackupTimeWhenABackupDirectoryIsConfigured() {
        runner().withPropertyValues("lightning.db.backup.directory=" + backups).run(context -> {
            LightningHealthIndicator indicator = context.getBean(LightningHealthIndicator.class);
            Health before = indicator.health(true);
            assertThat(before.getDetails())
                    .containsEntry("backupDirectory", backups.toAbsolutePath().toString())
                    .containsEntry("backups", 0)
                    .doesNotContainKey("lastBackup");

            LightningDb db = context.getBean(LightningDb.class);
            db.put("k", "v");
            db.backupTo(backups);
            assertThat(db.backupTo(backups).id()).isEqualTo(2);
            // The backup directory records the time in milliseconds: compare with what it lists.
            BackupInfo newest = Backups.list(backups).get(1);
            assertThat(newest.id()).isEqualTo(2);
            Health after = indicator.health(true);
            assertThat(after.getStatus()).isEqualTo(Status.UP);
            assertThat(after.getDetails())
                    .containsEntry("backups", 2)
                    .containsEntry("lastBackup", newest.createdAt().toString());
        });
    }

    @Test
    void noBackupDetailsWithoutABackupDirectory() {
        runner().run(context -> assertThat(context.getBean(LightningHealthIndicator.class)
                        .health(true)
                        .getDetails())
                .doesNotContainKeys("backupDirectory", "backups", "lastBackup"));
    }
}
