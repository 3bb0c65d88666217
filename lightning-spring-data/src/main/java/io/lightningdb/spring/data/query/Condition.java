package io.lightningdb.spring.data.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One predicate on one property: {@code path operator values}, e.g. {@code age BETWEEN [18, 65]}.
 * Values are already converted to the property's type.
 *
 * @param path dot path of the property ({@code "address.city"})
 * @param operator the comparison
 * @param values its arguments (none, one, two for BETWEEN, any number for IN)
 * @param ignoreCase whether strings compare case-insensitively
 */
public record Condition(String path, Operator operator, List<Object> values, boolean ignoreCase) {

    public Condition {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The first argument. */
    public Object value() {
        return values.get(0);
    }

    /** Whether a property value satisfies this condition. */
    public boolean test(Object actual) {
        Object a = Values.normalize(actual, ignoreCase);
        return switch (operator) {
            case EQUALS -> Values.same(a, arg(0));
            case NOT_EQUALS -> !Values.same(a, arg(0));
            case LESS_THAN -> ordered(a, 0) && Values.compare(a, arg(0)) < 0;
            case LESS_THAN_EQUAL -> ordered(a, 0) && Values.compare(a, arg(0)) <= 0;
            case GREATER_THAN -> ordered(a, 0) && Values.compare(a, arg(0)) > 0;
            case GREATER_THAN_EQUAL -> ordered(a, 0) && Values.compare(a, arg(0)) >= 0;
            case BETWEEN ->
                ordered(a, 0) && ordered(a, 1) && Values.compare(a, arg(0)) >= 0 && Values.compare(a, arg(1)) <= 0;
            case IN -> in(a);
            case NOT_IN -> !in(a);
            case STARTING_WITH -> a instanceof String s && arg(0) != null && s.startsWith(arg(0).toString());
            case ENDING_WITH -> a instanceof String s && arg(0) != null && s.endsWith(arg(0).toString());
            case CONTAINING -> contains(a);
            case NOT_CONTAINING -> a != null && !contains(a);
            case LIKE ->
                a instanceof String s
                        && arg(0) != null
                        && likePattern(arg(0).toString()).matcher(s).matches();
            case NOT_LIKE ->
                a instanceof String s
                        && arg(0) != null
                        && !likePattern(arg(0).toString()).matcher(s).matches();
            case REGEX ->
                a instanceof String s
                        && arg(0) != null
                        && Pattern.compile(arg(0).toString()).matcher(s).matches();
            case IS_NULL -> a == null;
            case IS_NOT_NULL -> a != null;
            case IS_EMPTY -> isEmpty(a);
            case IS_NOT_EMPTY -> !isEmpty(a);
            case TRUE -> Boolean.TRUE.equals(a);
            case FALSE -> Boolean.FALSE.equals(a);
        };
    }

    private Object arg(int i) {
        return Values.normalize(values.get(i), ignoreCase);
    }

    private boolean ordered(Object a, int i) {
        return a != null && arg(i) != null;
    }

    private boolean in(Object a) {
        for (int i = 0; i < values.size(); i++) {
            if (Values.same(a, arg(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(Object a) {
        if (a instanceof String s) {
            return arg(0) != null && s.contains(arg(0).toString());
        }
        if (a instanceof Collection<?> c) {
            return c.stream().anyMatch(e -> Values.same(Values.normalize(e, ignoreCase), arg(0)));
        }
        return false;
    }

    private static boolean isEmpty(Object a) {
        return a == null || (a instanceof String s && s.isEmpty()) || (a instanceof Collection<?> c && c.isEmpty());
    }

    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
