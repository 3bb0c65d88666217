package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.EncryptionKeyException;
import io.lightningdb.KeyProvider;
import java.nio.file.Path;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

/**
 * Chooses the encryption keys: a {@link KeyProvider} bean, else {@code lightning.db.encryption.key},
 * else {@code lightning.db.encryption.key-file}, else none.
 *
 * <p>A malformed key is reported as an {@link EncryptionKeyException} naming the property, not as
 * Spring Boot's {@link InvalidConfigurationPropertyValueException}: the failure analyzer of the
 * latter prints the property's value from the environment, which here is the key.
 */
final class EncryptionKeys {
    static final String KEY = "lightning.db.encryption.key";
    static final String KEY_FILE = "lightning.db.encryption.key-file";

    private EncryptionKeys() {}

    /** The keys to open the database with, or null for no encryption. */
    static KeyProvider resolve(LightningProperties.Encryption encryption, KeyProvider bean) {
        // Blank counts as unset, so "key: ${LIGHTNING_KEY:}" works without the variable.
        String key =
                StringUtils.hasText(encryption.getKey()) ? encryption.getKey().strip() : null;
        Path keyFile = encryption.getKeyFile();
        MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn(entries -> {
            entries.put(KEY, key);
            entries.put(KEY_FILE, keyFile);
        });
        if (bean != null) {
            return bean;
        }
        if (key != null) {
            try {
                return KeyProvider.ofBase64(1, key);
            } catch (EncryptionKeyException e) {
                // The engine's message names the key id and the problem, never the key.
                throw new EncryptionKeyException("Invalid " + KEY + ": " + e.getMessage());
            }
        }
        if (keyFile != null) {
            try {
                return KeyProvider.fromFile(keyFile.toAbsolutePath());
            } catch (EncryptionKeyException e) {
                // A path is not secret, so Boot's analyzer may show it.
                throw new InvalidConfigurationPropertyValueException(KEY_FILE, keyFile, e.getMessage(), e);
            }
        }
        return null;
    }
}
