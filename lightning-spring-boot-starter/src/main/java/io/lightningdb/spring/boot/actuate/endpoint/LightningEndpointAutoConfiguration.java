package io.lightningdb.spring.boot.actuate.endpoint;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.autoconfigure.LightningAutoConfiguration;
import io.lightningdb.spring.boot.autoconfigure.LightningProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Registers the {@link LightningEndpoint} when Actuator is present and the endpoint is available. */
@AutoConfiguration(after = LightningAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(LightningDb.class)
@ConditionalOnAvailableEndpoint(LightningEndpoint.class)
@EnableConfigurationProperties(LightningProperties.class)
public final class LightningEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LightningEndpoint lightningEndpoint(LightningDb lightningDb, LightningProperties properties) {
        LightningProperties.Backup backup = properties.getBackup();
        return new LightningEndpoint(lightningDb, backup.getDirectory(), backup.getKeep());
    }
}
