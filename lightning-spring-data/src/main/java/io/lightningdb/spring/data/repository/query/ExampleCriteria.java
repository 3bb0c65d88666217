package io.lightningdb.spring.data.repository.query;

import io.lightningdb.spring.data.query.Condition;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.Operator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.support.ExampleMatcherAccessor;

/**
 * Turns a Query-by-Example probe into {@link Criteria}: one condition per non-null property (nested
 * objects by dot path; collections and maps are not matched), string matchers and case
 * insensitivity taken from the {@link ExampleMatcher}. {@code ALL} matching ANDs the conditions,
 * {@code ANY} ORs them.
 */
public final class ExampleCriteria {
    private ExampleCriteria() {}

    /** The criteria equivalent to {@code example}. */
    public static Criteria of(Example<?> example, MappingContext<?, ? extends PersistentProperty<?>> context) {
        ExampleMatcherAccessor matcher = new ExampleMatcherAccessor(example.getMatcher());
        List<Condition> conditions = new ArrayList<>();
        collect(example.getProbe(), "", context, matcher, conditions);
        if (conditions.isEmpty()) {
            return Criteria.all();
        }
        if (example.getMatcher().isAllMatching()) {
            return Criteria.allOf(conditions);
        }
        return new Criteria(conditions.stream().map(List::of).toList());
    }

    private static void collect(
            Object bean,
            String prefix,
            MappingContext<?, ? extends PersistentProperty<?>> context,
            ExampleMatcherAccessor matcher,
            List<Condition> out) {
        PersistentEntity<?, ? extends PersistentProperty<?>> entity =
                context.getRequiredPersistentEntity(bean.getClass());
        PersistentPropertyAccessor<?> accessor = entity.getPropertyAccessor(bean);
        for (PersistentProperty<?> p : entity) {
            String path = prefix + p.getName();
            if (matcher.isIgnoredPath(path)
                    || Collection.class.isAssignableFrom(p.getType())
                    || Map.class.isAssignableFrom(p.getType())) {
                continue;
            }
            Object value = matcher.getValueTransformerForPath(path)
                    .apply(Optional.ofNullable(accessor.getProperty(p)))
                    .orElse(null);
            if (value == null) {
                if (matcher.getNullHandler() == ExampleMatcher.NullHandler.INCLUDE) {
                    out.add(new Condition(path, Operator.IS_NULL, List.of(), false));
                }
            } else if (p.isEntity() && isComposite(value)) {
                collect(value, path + ".", context, matcher, out);
            } else {
                out.add(condition(path, value, matcher));
            }
        }
    }

    /** Nested objects of the application are matched property by property; JDK values as a whole. */
    private static boolean isComposite(Object value) {
        Class<?> type = value.getClass();
        return !type.isEnum() && !type.getName().startsWith("java.");
    }

    private static Condition condition(String path, Object value, ExampleMatcherAccessor matcher) {
        if (!(value instanceof String)) {
            return new Condition(path, Operator.EQUALS, List.of(value), false);
        }
        boolean ignoreCase = matcher.isIgnoreCaseForPath(path);
        Operator op = switch (matcher.getStringMatcherForPath(path)) {
            case DEFAULT, EXACT -> Operator.EQUALS;
            case STARTING -> Operator.STARTING_WITH;
            case ENDING -> Operator.ENDING_WITH;
            case CONTAINING -> Operator.CONTAINING;
            case REGEX -> Operator.REGEX;
        };
        return new Condition(path, op, List.of(value), ignoreCase);
    }
}
