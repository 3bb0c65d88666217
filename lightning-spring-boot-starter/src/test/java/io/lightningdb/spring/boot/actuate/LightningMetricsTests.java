package io.lightningdb.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.actuate.metrics.LightningMetricsAutoConfiguration;
import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import io.lightningdb.spring.boot.autoconfigure.notes.Note;
import io.lightningdb.spring.boot.autoconfigure.notes.NoteRepository;
import io.lightningdb.spring.boot.autoconfigure.notes.NotesPackage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LightningMetricsTests {
    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir)
                .withUserConfiguration(NotesPackage.class)
                .withBean(SimpleMeterRegistry.class)
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        LightningMetricsAutoConfiguration.class));
    }

    @Test
    void metersAreRegistered() {
        runner().run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String type : new String[] {"get", "put", "delete", "scan"}) {
                assertThat(registry.find("lightning.db.operations")
                                .tag("type", type)
                                .functionCounter())
                        .isNotNull();
            }
            for (String name : new String[] {
                "lightning.db.transactions.active",
                "lightning.db.transactions.committed",
                "lightning.db.transactions.aborted",
                "lightning.db.cache.hits",
                "lightning.db.cache.misses",
                "lightning.db.cache.evictions",
                "lightning.db.storage",
                "lightning.db.compaction.pending",
                "lightning.db.compaction.completed",
                "lightning.db.scan.flushes",
                "lightning.db.scan.compactions",
                "lightning.db.up"
            }) {
                assertThat(registry.find(name).meter()).as(name).isNotNull();
            }
            assertThat(registry.get("lightning.db.up").gauge().value()).isEqualTo(1.0);
        });
    }

    @Test
    void metersMoveWhenTheApplicationWorks() {
        runner().run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            NoteRepository notes = context.getBean(NoteRepository.class);
            double putsBefore = puts(registry);
            double committedBefore = registry.get("lightning.db.transactions.committed")
                    .functionCounter()
                    .count();

            notes.save(new Note("n1", "ann", "hello"));
            notes.findById("n1");
            notes.findByAuthor("ann");

            assertThat(puts(registry)).isGreaterThan(putsBefore);
            assertThat(registry.get("lightning.db.transactions.committed")
                            .functionCounter()
                            .count())
                    .isGreaterThan(committedBefore);
            assertThat(registry.get("lightning.db.operation.duration")
                            .tag("type", "put")
                            .timer()
                            .count())
                    .isPositive();
            assertThat(registry.get("lightning.db.operation.duration")
                            .tag("type", "commit")
                            .timer()
                            .count())
                    .isPositive();
        });
    }

    @Test
    void upDropsToZeroOnceClosedWhileCountersKeepTheirValues() {
        runner().run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LightningDb db = context.getBean(LightningDb.class);
            db.put("k", "v");
            double puts = puts(registry);
            db.close();
            assertThat(registry.get("lightning.db.up").gauge().value()).isZero();
            assertThat(puts(registry)).isEqualTo(puts);
        });
    }

    @Test
    void timingCanBeSwitchedOff() {
        runner().withPropertyValues("lightning.db.metrics.timing.enabled=false").run(context -> {
            context.getBean(LightningDb.class).put("k", "v");
            assertThat(context.getBean(MeterRegistry.class)
                            .find("lightning.db.operation.duration")
                            .timer())
                    .isNull();
        });
    }

    private static double puts(MeterRegistry registry) {
        return registry.get("lightning.db.operations")
                .tag("type", "put")
                .functionCounter()
                .count();
    }
}
