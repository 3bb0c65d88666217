package io.lightningdb.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Applies the auto-configuration classes a Lightning test needs (listed in {@code
 * META-INF/spring/io.lightningdb.spring.boot.test.autoconfigure.AutoConfigureDataLightning.imports})
 * and puts the database in a temporary directory. {@link DataLightningTest} includes it; add it to
 * another slice that also needs Lightning:
 *
 * <pre>{@code
 * @WebMvcTest(UserController.class)
 * @AutoConfigureDataLightning
 * class UserControllerTests { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDataLightning {}
