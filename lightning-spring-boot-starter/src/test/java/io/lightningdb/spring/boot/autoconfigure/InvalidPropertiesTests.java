package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class InvalidPropertiesTests {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "lightning.db.block-size, 10B",
        "lightning.db.write-buffer-size, 1KB",
        "lightning.db.max-key-size, 0B",
        "lightning.db.max-value-size, 4GB",
        "lightning.db.wal.segment-size, 1KB",
        "lightning.db.wal.sync-interval, 0s",
        "lightning.db.transactions.max-active, 0",
        "lightning.db.transactions.timeout, -1s",
        "lightning.db.cache-size, -1MB"
    })
    void valuesTheEngineRejectsFailStartupNamingTheProperty(String name, String value) {
        LightningRunners.core(dir).withPropertyValues(name + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOfAny(InvalidConfigurationPropertyValueException.class, IllegalArgumentException.class);
            Throwable cause = context.getStartupFailure();
            while (!(cause instanceof InvalidConfigurationPropertyValueException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class);
            assertThat(((InvalidConfigurationPropertyValueException) cause).getName())
                    .isEqualTo(name);
        });
    }

    @Test
    void valuesThatDoNotBindFailStartupNamingTheProperty() {
        LightningRunners.core(dir)
                .withPropertyValues("lightning.db.cache-size=lots", "lightning.db.wal.sync-mode=sometimes")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof BindException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(BindException.class);
                    assertThat(((BindException) cause).getProperty().getName().toString())
                            .startsWith("lightning.db.");
                });
    }
}
