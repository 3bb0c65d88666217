package io.lightningdb.spring.data.repository.config;

import io.lightningdb.spring.data.repository.support.LightningRepositoryFactoryBean;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy;

/**
 * Enables Lightning repositories: every interface extending a Spring Data repository interface in
 * the annotated class's package (or {@link #basePackages()}) becomes a bean backed by the {@code
 * LightningTemplate} bean named {@link #lightningTemplateRef()}.
 *
 * <pre>{@code
 * @Configuration
 * @EnableLightningRepositories
 * @EnableTransactionManagement
 * class StoreConfig {
 *     @Bean(destroyMethod = "close")
 *     LightningDb lightningDb() { return LightningDb.open(Path.of("data")); }
 *
 *     @Bean
 *     LightningTemplate lightningTemplate(LightningDb db) { return new LightningTemplate(db); }
 *
 *     @Bean
 *     LightningTransactionManager transactionManager(LightningDb db) { return new LightningTransactionManager(db); }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(LightningRepositoriesRegistrar.class)
public @interface EnableLightningRepositories {

    /** Alias for {@link #basePackages()}. */
    String[] value() default {};

    /** Packages to scan for repository interfaces. */
    String[] basePackages() default {};

    /** Classes whose packages are scanned, a type-safe alternative to {@link #basePackages()}. */
    Class<?>[] basePackageClasses() default {};

    /** Which candidates to skip. */
    Filter[] excludeFilters() default {};

    /** Which candidates to register. */
    Filter[] includeFilters() default {};

    /** Suffix of custom implementation classes. */
    String repositoryImplementationPostfix() default "Impl";

    /** Location of named queries (unused: Lightning derives queries from method names). */
    String namedQueriesLocation() default "";

    /** How query methods are resolved. */
    QueryLookupStrategy.Key queryLookupStrategy() default QueryLookupStrategy.Key.CREATE_IF_NOT_FOUND;

    /** The factory bean creating each repository. */
    Class<?> repositoryFactoryBeanClass() default LightningRepositoryFactoryBean.class;

    /** A custom base class for repositories. */
    Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

    /** Names repository beans. */
    Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

    /** Bean name of the {@code LightningTemplate} to use. */
    String lightningTemplateRef() default LightningRepositoryConfigurationExtension.DEFAULT_TEMPLATE_REF;

    /** Whether repository interfaces nested in other classes are registered. */
    boolean considerNestedRepositories() default false;

    /** When repositories are initialized: eagerly (default), lazily on first use, or deferred. */
    BootstrapMode bootstrapMode() default BootstrapMode.DEFAULT;
}
