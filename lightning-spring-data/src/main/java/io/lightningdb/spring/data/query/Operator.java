package io.lightningdb.spring.data.query;

/** The comparison a {@link Condition} applies to a property value. */
public enum Operator {
    EQUALS,
    NOT_EQUALS,
    LESS_THAN,
    LESS_THAN_EQUAL,
    GREATER_THAN,
    GREATER_THAN_EQUAL,
    /** Inclusive at both ends, as in JPA. */
    BETWEEN,
    IN,
    NOT_IN,
    STARTING_WITH,
    ENDING_WITH,
    /** Substring of a string, or element of a collection. */
    CONTAINING,
    NOT_CONTAINING,
    /** SQL pattern: {@code %} any run of characters, {@code _} one character. */
    LIKE,
    NOT_LIKE,
    REGEX,
    IS_NULL,
    IS_NOT_NULL,
    IS_EMPTY,
    IS_NOT_EMPTY,
    TRUE,
    FALSE
}
