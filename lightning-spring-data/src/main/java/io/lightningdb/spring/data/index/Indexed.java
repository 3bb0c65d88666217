package io.lightningdb.spring.data.index;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level property whose values get a secondary index: equality, {@code In} and range predicates
 * on it ({@code findByAge}, {@code findByAgeBetween}, {@code findByCreatedAfter}) read only the
 * matching index entries instead of the whole keyspace. Index entries are written in the same
 * atomic batch as the entity, rewritten when it changes, removed when it is deleted and expire
 * with it.
 *
 * <pre>{@code
 * class Person {
 *     @Id String id;
 *     @Indexed String lastName;
 *     @Indexed int age;
 * }
 * }</pre>
 *
 * <p>Supported types: {@code String}, {@code char}, {@code boolean}, integral and floating-point
 * numbers, enums, {@code UUID}, {@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code
 * LocalTime} and {@code java.util.Date}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Indexed {}
