package io.lightningdb.spring.boot.actuate.metrics;

import io.lightningdb.LightningDb;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps each {@link LightningDb} bean in a {@link TimedLightningDb} so engine calls feed the {@code
 * lightning.db.operation.duration} timers. The registry is looked up lazily: a post-processor that
 * asked for it eagerly would create it before other post-processors could customize it.
 */
class LightningTimingPostProcessor implements BeanPostProcessor {
    private final ObjectProvider<MeterRegistry> registry;

    LightningTimingPostProcessor(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof LightningDb db && !(bean instanceof TimedLightningDb)) {
            MeterRegistry meterRegistry = registry.getIfUnique();
            if (meterRegistry != null) {
                return new TimedLightningDb(db, new OperationTimers(meterRegistry));
            }
        }
        return bean;
    }
}
