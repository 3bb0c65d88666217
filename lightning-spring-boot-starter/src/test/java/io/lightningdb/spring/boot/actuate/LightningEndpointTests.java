package io.lightningdb.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpoint;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpoint.LightningDescriptor;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpointAutoConfiguration;
import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LightningEndpointTests {
    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(LightningEndpointAutoConfiguration.class))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=lightning");
    }

    @Test
    void readsStatsAndCompacts() {
        runner().run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            for (int i = 0; i < 100; i++) {
                db.put("k" + i, "v" + i);
            }
            LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
            LightningDescriptor before = endpoint.stats();
            assertThat(before.state()).isEqualTo("open");
            assertThat(before.stats().puts()).isEqualTo(100);

            LightningDescriptor after = endpoint.compact();
            assertThat(after.stats().totalFiles()).isPositive();
            assertThat(after.stats().memtableBytes()).isLessThan(before.stats().memtableBytes());
        });
    }

    @Test
    void reportsAClosedDatabase() {
        runner().run(context -> {
            context.getBean(LightningDb.class).close();
            assertThat(context.getBean(LightningEndpoint.class).stats().state()).isEqualTo("closed");
        });
    }

    @Test
    void absentWhenTheEndpointIsNotExposed() {
        LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(LightningEndpointAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LightningEndpoint.class));
    }
}
