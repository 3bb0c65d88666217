package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.KeyProvider;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.convert.CborEntityCodec;
import io.lightningdb.spring.data.convert.EntityCodec;
import io.lightningdb.spring.data.convert.JsonEntityCodec;
import io.lightningdb.spring.data.core.LightningTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a Lightning database from {@code lightning.db.*}, the {@link EntityCodec} that
 * stores entity values, and the {@link LightningTemplate} repositories use. Each bean backs off when
 * the application defines its own:
 *
 * <pre>{@code
 * @Bean(destroyMethod = "close")
 * LightningDb lightningDb() {
 *     return LightningDb.open(Path.of("/srv/db"), LightningConfig.defaults());
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass({LightningDb.class, LightningTemplate.class})
@EnableConfigurationProperties(LightningProperties.class)
public final class LightningAutoConfiguration {
    private static final Log logger = LogFactory.getLog(LightningAutoConfiguration.class);

    /**
     * The engine settings from {@code lightning.db.*}, with the keys of a {@link KeyProvider} bean
     * if there is one, then adjusted by {@link LightningConfigCustomizer} beans. Define a {@link
     * LightningConfig} bean to replace it.
     */
    @Bean
    @ConditionalOnMissingBean
    LightningConfig lightningConfig(
            LightningProperties properties,
            ObjectProvider<KeyProvider> keyProvider,
            ObjectProvider<LightningConfigCustomizer> customizers) {
        KeyProvider keys = keyProvider.getIfUnique();
        LightningProperties.Encryption encryption = properties.getEncryption();
        if (keys != null && (encryption.getKey() != null || encryption.getKeyFile() != null)) {
            logger.warn("A KeyProvider bean supplies the encryption keys; lightning.db.encryption.* is ignored");
        }
        LightningConfig.Builder builder = LightningConfigFactory.create(properties, keys);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** The database, opened at start-up and closed (log synced, directory released) at shutdown. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LightningDb lightningDb(LightningProperties properties, LightningConfig lightningConfig) {
        // Absolute, so the path in logs, errors and health details needs no working directory.
        LightningDb db = LightningDb.open(properties.getPath().toAbsolutePath(), lightningConfig);
        // LightningConfig.toString shows encryption as on/off only, never a key.
        logger.info("Opened Lightning database in " + db.path() + " (compression=" + lightningConfig.compression()
                + ", encryption=" + (lightningConfig.encryption() == null ? "off" : "on") + ")");
        return db;
    }

    /**
     * The value codec chosen by {@code lightning.db.codec}. Deliberately independent of the web
     * layer's JSON mapper: stored bytes must not change when HTTP serialization settings do.
     */
    @Bean
    @ConditionalOnMissingBean
    EntityCodec lightningEntityCodec(LightningProperties properties) {
        return switch (properties.getCodec()) {
            case JSON -> new JsonEntityCodec();
            case CBOR -> new CborEntityCodec();
        };
    }

    @Bean
    @ConditionalOnMissingBean
    LightningTemplate lightningTemplate(LightningDb lightningDb, EntityCodec lightningEntityCodec) {
        return new LightningTemplate(lightningDb, lightningEntityCodec);
    }
}
