package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.autoconfigure.LightningAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Publishes Lightning's statistics as {@code lightning.db.*} meters ({@link LightningMetrics}, bound
 * by Spring Boot like every {@link MeterBinder} bean) and times engine calls ({@code
 * lightning.db.operation.duration}; off with {@code lightning.db.metrics.timing.enabled=false}).
 */
@AutoConfiguration(
        after = {
            MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class,
            LightningAutoConfiguration.class
        })
@ConditionalOnClass({MeterBinder.class, MetricsAutoConfiguration.class})
@ConditionalOnBean({LightningDb.class, MeterRegistry.class})
public final class LightningMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LightningMetrics lightningMetrics(LightningDb lightningDb) {
        return new LightningMetrics(lightningDb);
    }

    // Static: post-processors are created before the configuration class itself.
    @Bean
    @ConditionalOnBooleanProperty(name = "lightning.db.metrics.timing.enabled", matchIfMissing = true)
    static LightningTimingPostProcessor lightningTimingPostProcessor(ObjectProvider<MeterRegistry> registry) {
        return new LightningTimingPostProcessor(registry);
    }
}
