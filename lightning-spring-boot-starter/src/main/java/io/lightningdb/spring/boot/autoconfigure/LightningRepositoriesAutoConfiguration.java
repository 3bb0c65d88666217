package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.repository.LightningRepository;
import io.lightningdb.spring.data.repository.support.LightningRepositoryFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

/**
 * Enables Lightning repositories for the application's packages, as Spring Boot does for JPA and
 * Redis. Backs off when the application uses {@code @EnableLightningRepositories} itself, and is
 * switched off with {@code lightning.db.repositories.enabled=false}.
 */
@AutoConfiguration(after = LightningAutoConfiguration.class)
@ConditionalOnClass(LightningRepository.class)
@ConditionalOnBean(LightningTemplate.class)
@ConditionalOnMissingBean(LightningRepositoryFactoryBean.class)
@ConditionalOnBooleanProperty(name = "lightning.db.repositories.enabled", matchIfMissing = true)
@Import(LightningRepositoriesRegistrar.class)
public final class LightningRepositoriesAutoConfiguration {}
