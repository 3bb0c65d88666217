package io.lightningdb.spring.data.core.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks a numeric field or no-argument method giving an entity's time to live; after it the engine
 * drops the entity and its index entries together. {@code null}, zero or a negative value means the
 * entity never expires. A {@code java.time.Duration} is accepted too (then {@link #unit()} is
 * ignored).
 *
 * <pre>{@code
 * class Session {
 *     @Id String id;
 *     @TimeToLive Long ttlSeconds = 1800L;
 * }
 * }</pre>
 *
 * <p>The clock is the engine's ({@code LightningConfig.clock()}); saving the entity again restarts
 * the countdown.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface TimeToLive {
    /** The unit of a numeric value. */
    TimeUnit unit() default TimeUnit.SECONDS;
}
