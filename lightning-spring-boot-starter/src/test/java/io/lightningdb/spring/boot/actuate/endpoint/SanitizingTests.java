package io.lightningdb.spring.boot.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** The encryption key never shows in /actuator/configprops, /actuator/env or /actuator/lightning. */
class SanitizingTests {
    @TempDir
    Path dir;

    private final String key = newKey();

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(
                        EndpointAutoConfiguration.class,
                        ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                        EnvironmentEndpointAutoConfiguration.class,
                        LightningEndpointAutoConfiguration.class,
                        LightningSanitizingAutoConfiguration.class))
                .withPropertyValues(
                        "spring.jmx.enabled=true",
                        "management.endpoints.jmx.exposure.include=configprops,env,lightning",
                        "lightning.db.encryption.key=" + key);
    }

    @Test
    void bootShowsNoValuesByDefault() {
        runner().run(context -> {
            assertThat(configprops(context)).doesNotContain(key);
            assertThat(envEntry(context)).isEqualTo(SanitizableData.SANITIZED_VALUE);
        });
    }

    @Test
    void theKeyStaysMaskedWhenValuesAreShown() {
        runner().withPropertyValues(
                        "management.endpoint.configprops.show-values=always",
                        "management.endpoint.env.show-values=always")
                .run(context -> {
                    String configprops = configprops(context);
                    // Values are shown (the path is there), the key is not.
                    assertThat(configprops).contains(dir.toString()).doesNotContain(key);
                    assertThat(configprops).contains("key=" + SanitizableData.SANITIZED_VALUE);
                    assertThat(envEntry(context)).isEqualTo(SanitizableData.SANITIZED_VALUE);
                    assertThat(context.getBean(EnvironmentEndpoint.class)
                                    .environmentEntry("lightning.db.path")
                                    .getProperty()
                                    .getValue())
                            .isEqualTo(dir.toString());
                    assertThat(String.valueOf(
                                    context.getBean(LightningEndpoint.class).stats()))
                            .doesNotContain(key);
                });
    }

    @Test
    void theEnvironmentVariableFormIsMaskedToo() {
        assertThat(isMasked("LIGHTNING_DB_ENCRYPTION_KEY")).isTrue();
        assertThat(isMasked("lightning.db.encryption.key")).isTrue();
        assertThat(isMasked("lightning.db.encryption.key-file")).isFalse();
        assertThat(isMasked("lightning.db.path")).isFalse();
    }

    private static boolean isMasked(String name) {
        SanitizableData data = new SanitizableData(null, name, "value");
        return new LightningSanitizingAutoConfiguration()
                .lightningEncryptionKeySanitizer()
                .applyUnlessFiltered(data)
                .getValue()
                .equals(SanitizableData.SANITIZED_VALUE);
    }

    /** Every property value and input of the lightning.db configuration properties, as text. */
    private static String configprops(ApplicationContext context) {
        var descriptor = context.getBean(ConfigurationPropertiesReportEndpoint.class)
                .configurationPropertiesWithPrefix("lightning.db");
        return descriptor.getContexts().values().stream()
                .flatMap(c -> c.getBeans().values().stream())
                .map(b -> b.getPrefix() + " " + b.getProperties() + " " + b.getInputs())
                .collect(Collectors.joining("\n"));
    }

    private static Object envEntry(ApplicationContext context) {
        var entry = context.getBean(EnvironmentEndpoint.class).environmentEntry("lightning.db.encryption.key");
        return entry.getProperty().getValue();
    }

    private static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
