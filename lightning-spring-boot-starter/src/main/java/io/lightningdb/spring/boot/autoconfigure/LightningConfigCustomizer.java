package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.LightningConfig;

/**
 * Callback to adjust the engine configuration beyond what {@code lightning.db.*} offers, applied
 * after the properties in {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * LightningConfigCustomizer tunedCompaction() {
 *     return builder -> builder.level0CompactionTrigger(8).bloomBitsPerKey(12);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface LightningConfigCustomizer {

    /** Adjusts {@code builder}, which already holds the values of the properties. */
    void customize(LightningConfig.Builder builder);
}
