package io.lightningdb.spring.boot.actuate.health;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.autoconfigure.LightningAutoConfiguration;
import io.lightningdb.spring.boot.autoconfigure.LightningProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Contributes the {@code lightning} health indicator when Spring Boot's health support is present.
 * Disabled with {@code management.health.lightning.enabled=false}.
 */
@AutoConfiguration(after = LightningAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LightningDb.class)
@ConditionalOnEnabledHealthIndicator("lightning")
@EnableConfigurationProperties(LightningProperties.class)
public final class LightningHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"lightningHealthIndicator", "lightningHealthContributor"})
    LightningHealthIndicator lightningHealthIndicator(LightningDb lightningDb, LightningProperties properties) {
        return new LightningHealthIndicator(
                lightningDb,
                properties.getHealth().getDiskSpaceThreshold(),
                properties.getBackup().getDirectory());
    }
}
