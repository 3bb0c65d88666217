package io.lightningdb.spring.boot.actuate.endpoint;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks {@code lightning.db.encryption.key} in {@code /actuator/configprops} and {@code
 * /actuator/env}. Spring Boot shows no values there by default ({@code
 * management.endpoint.*.show-values=never}); this keeps the key masked when an application turns
 * values on ({@code always} or {@code when-authorized}), since Boot no longer masks by key name.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class LightningSanitizingAutoConfiguration {
    private static final String KEY = "lightning.db.encryption.key";

    @Bean
    SanitizingFunction lightningEncryptionKeySanitizer() {
        return SanitizingFunction.sanitizeValue().ifKeyMatches(LightningSanitizingAutoConfiguration::isEncryptionKey);
    }

    /** The property in any form the environment may hold it: also LIGHTNING_DB_ENCRYPTION_KEY. */
    static boolean isEncryptionKey(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).replace('_', '.').equals(KEY);
    }
}
