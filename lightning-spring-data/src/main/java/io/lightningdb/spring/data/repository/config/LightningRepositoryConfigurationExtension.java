package io.lightningdb.spring.data.repository.config;

import io.lightningdb.spring.data.repository.LightningRepository;
import io.lightningdb.spring.data.repository.support.LightningRepositoryFactoryBean;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;

/**
 * Tells Spring Data how to register Lightning repositories: with {@link
 * LightningRepositoryFactoryBean}, wired to the {@code LightningTemplate} bean named by {@code
 * lightningTemplateRef} (default {@value #DEFAULT_TEMPLATE_REF}). Spring Boot's repository
 * auto-configuration uses this class too.
 */
public class LightningRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {
    /** The bean name of the template repositories use unless configured otherwise. */
    public static final String DEFAULT_TEMPLATE_REF = "lightningTemplate";

    @Override
    public String getModuleName() {
        return "Lightning";
    }

    @Override
    protected String getModulePrefix() {
        return "lightning";
    }

    @Override
    public String getRepositoryFactoryBeanClassName() {
        return LightningRepositoryFactoryBean.class.getName();
    }

    @Override
    protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
        return List.of(KeySpace.class);
    }

    @Override
    protected Collection<Class<?>> getIdentifyingTypes() {
        return List.of(LightningRepository.class);
    }

    @Override
    public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
        builder.addPropertyReference(
                "lightningTemplate", config.getAttribute("lightningTemplateRef").orElse(DEFAULT_TEMPLATE_REF));
    }
}
