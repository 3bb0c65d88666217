package io.lightningdb.spring.data.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A predicate in disjunctive normal form: an OR of branches, each an AND of {@link Condition}s.
 * No branch at all means "every entity".
 *
 * <pre>{@code
 * Criteria c = Criteria.where(new Condition("age", Operator.GREATER_THAN, List.of(30), false))
 *         .or(Criteria.where(new Condition("name", Operator.EQUALS, List.of("ann"), false)));
 * }</pre>
 *
 * @param branches the OR-ed branches
 */
public record Criteria(List<List<Condition>> branches) {
    private static final Criteria ALL = new Criteria(List.of());

    public Criteria {
        branches = branches.stream().map(List::copyOf).toList();
    }

    /** Matches every entity. */
    public static Criteria all() {
        return ALL;
    }

    /** A single-branch criteria holding all {@code conditions}. */
    public static Criteria where(Condition... conditions) {
        return new Criteria(List.of(List.of(conditions)));
    }

    /** A single-branch criteria holding all {@code conditions}. */
    public static Criteria allOf(List<Condition> conditions) {
        return new Criteria(List.of(conditions));
    }

    /** This OR {@code other}. */
    public Criteria or(Criteria other) {
        if (isAll() || other.isAll()) {
            return ALL;
        }
        List<List<Condition>> merged = new ArrayList<>(branches);
        merged.addAll(other.branches);
        return new Criteria(merged);
    }

    /** Whether this matches everything. */
    public boolean isAll() {
        return branches.isEmpty() || branches.stream().anyMatch(List::isEmpty);
    }

    /** Whether {@code entity} matches, reading property values with {@code reader}. */
    public <T> boolean matches(T entity, BiFunction<T, String, Object> reader) {
        if (isAll()) {
            return true;
        }
        for (List<Condition> branch : branches) {
            if (branch.stream().allMatch(c -> c.test(reader.apply(entity, c.path())))) {
                return true;
            }
        }
        return false;
    }
}
