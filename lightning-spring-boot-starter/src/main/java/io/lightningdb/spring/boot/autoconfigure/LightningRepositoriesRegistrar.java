package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.spring.data.repository.config.EnableLightningRepositories;
import io.lightningdb.spring.data.repository.config.LightningRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers Lightning repositories found in the application's auto-configuration packages (those of
 * the {@code @SpringBootApplication} class), as if it were annotated with {@code
 * @EnableLightningRepositories}.
 */
class LightningRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableLightningRepositories.class;
    }

    @Override
    protected Class<?> getConfiguration() {
        return EnableLightningRepositoriesConfiguration.class;
    }

    @Override
    protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
        return new LightningRepositoryConfigurationExtension();
    }

    /** Carries the default attributes of the annotation. */
    @EnableLightningRepositories
    private static final class EnableLightningRepositoriesConfiguration {}
}
