package io.lightningdb.spring.boot.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points {@code lightning.db.path} at a new temporary directory for each test context and deletes
 * the directory when the context closes. The deleter is registered as the context's first
 * disposable bean, so it runs last, after the database bean has been closed.
 */
final class TemporaryDatabaseContextCustomizer implements ContextCustomizer {
    private static final String PROPERTY_SOURCE = "lightningTemporaryDatabase";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Path directory = createDirectory();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of("lightning.db.path", directory.toString())));
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(PROPERTY_SOURCE, () -> delete(directory));
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("lightning-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Lightning database directory", e);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    // Every instance does the same, so equal customizers let test contexts be cached and shared.
    @Override
    public boolean equals(Object other) {
        return other instanceof TemporaryDatabaseContextCustomizer;
    }

    @Override
    public int hashCode() {
        return TemporaryDatabaseContextCustomizer.class.hashCode();
    }
}
