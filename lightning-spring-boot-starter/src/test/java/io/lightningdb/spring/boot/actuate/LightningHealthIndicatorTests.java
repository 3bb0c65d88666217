package io.lightningdb.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.actuate.health.LightningHealthContributorAutoConfiguration;
import io.lightningdb.spring.boot.actuate.health.LightningHealthIndicator;
import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import java.nio.file.Path;
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
}
