package io.lightningdb.spring.data.repository.config;

import java.lang.annotation.Annotation;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories found by {@link EnableLightningRepositories}. */
class LightningRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

    @Override
    protected Class<? extends Annotation> getAnnotation() {
        return EnableLightningRepositories.class;
    }

    @Override
    protected RepositoryConfigurationExtension getExtension() {
        return new LightningRepositoryConfigurationExtension();
    }
}
