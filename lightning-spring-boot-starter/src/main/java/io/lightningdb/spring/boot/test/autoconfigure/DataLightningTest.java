package io.lightningdb.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for Lightning repositories: only the Lightning auto-configuration (database,
 * codec, template, transaction manager, repositories) is applied, no other components are scanned,
 * and the database lives in a fresh temporary directory deleted when the context closes.
 *
 * <pre>{@code
 * @DataLightningTest
 * class UserRepositoryTests {
 *     @Autowired UserRepository users;
 *
 *     @Test
 *     void findsByEmail() {
 *         users.save(new User("u1", "ann@example.com"));
 *         assertThat(users.findByEmail("ann@example.com")).isPresent();
 *     }
 * }
 * }</pre>
 *
 * <p>Built the way Spring Boot builds {@code @DataRedisTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataLightningTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataLightningTypeExcludeFilter.class)
@AutoConfigureDataLightning
@ImportAutoConfiguration
public @interface DataLightningTest {

    /** Properties in {@code key=value} form added to the {@link Environment} before the test runs. */
    String[] properties() default {};

    /** Whether the default filters are used; when false, only {@link #includeFilters()} select components. */
    boolean useDefaultFilters() default true;

    /** Filters adding otherwise excluded beans to the context. */
    Filter[] includeFilters() default {};

    /** Filters excluding beans otherwise added to the context. */
    Filter[] excludeFilters() default {};

    /** Auto-configuration classes to leave out of this test. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
