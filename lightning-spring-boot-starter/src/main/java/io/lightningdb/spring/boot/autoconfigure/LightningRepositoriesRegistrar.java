package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.spring.data.repository.config.EnableLightningRepositories;
import io.lightningdb.spring.data.repository.config.LightningRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;
import org.springframework.data.util.Streamable;

/**
 * Registers Lightning repositories found in the application's auto-configuration packages (those of
 * the {@code @SpringBootApplication} class), as if it were annotated with {@code
 * @EnableLightningRepositories}.
 */
class LightningRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {
    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        this.beanFactory = beanFactory;
    }

    // Contexts assembled without @SpringBootApplication (e.g. @ImportAutoConfiguration) have no
    // application packages: scan nothing rather than fail start-up.
    @Override
    protected Streamable<String> getBasePackages() {
        return AutoConfigurationPackages.has(beanFactory) ? super.getBasePackages() : Streamable.empty();
    }

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
