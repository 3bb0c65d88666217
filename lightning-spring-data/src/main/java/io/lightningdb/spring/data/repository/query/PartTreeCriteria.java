package io.lightningdb.spring.data.repository.query;

import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.query.Condition;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Binds a derived query's {@link PartTree} ({@code findByAgeBetweenAndNameStartingWithIgnoreCase})
 * and the call's arguments into {@link Criteria}: each {@code Or} part becomes a branch, each
 * {@code And} part a condition. Arguments are converted to the property type, so {@code
 * findByAge(30)} works for a {@code long age}.
 */
public final class PartTreeCriteria {
    private PartTreeCriteria() {}

    /** The criteria of {@code tree} bound to the arguments of {@code accessor}. */
    public static Criteria of(PartTree tree, ParameterAccessor accessor, EntityMetadata<?> meta) {
        Iterator<Object> args = accessor.iterator();
        List<List<Condition>> branches = new ArrayList<>();
        for (PartTree.OrPart or : tree) {
            List<Condition> branch = new ArrayList<>();
            for (Part part : or) {
                branch.add(condition(part, args, meta));
            }
            branches.add(branch);
        }
        return branches.isEmpty() ? Criteria.all() : new Criteria(branches);
    }

    private static Condition condition(Part part, Iterator<Object> args, EntityMetadata<?> meta) {
        String path = part.getProperty().toDotPath();
        boolean ignoreCase = part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER && meta.typeOf(path) == String.class;
        return switch (part.getType()) {
            case SIMPLE_PROPERTY -> simple(path, Operator.EQUALS, args.next(), ignoreCase, meta);
            case NEGATING_SIMPLE_PROPERTY -> simple(path, Operator.NOT_EQUALS, args.next(), ignoreCase, meta);
            case LESS_THAN, BEFORE -> simple(path, Operator.LESS_THAN, args.next(), ignoreCase, meta);
            case LESS_THAN_EQUAL -> simple(path, Operator.LESS_THAN_EQUAL, args.next(), ignoreCase, meta);
            case GREATER_THAN, AFTER -> simple(path, Operator.GREATER_THAN, args.next(), ignoreCase, meta);
            case GREATER_THAN_EQUAL -> simple(path, Operator.GREATER_THAN_EQUAL, args.next(), ignoreCase, meta);
            case BETWEEN ->
                new Condition(
                        path,
                        Operator.BETWEEN,
                        Arrays.asList(meta.convertForPath(args.next(), path), meta.convertForPath(args.next(), path)),
                        ignoreCase);
            case IN -> new Condition(path, Operator.IN, elements(args.next(), path, meta), ignoreCase);
            case NOT_IN -> new Condition(path, Operator.NOT_IN, elements(args.next(), path, meta), ignoreCase);
            case STARTING_WITH -> raw(path, Operator.STARTING_WITH, args.next(), ignoreCase);
            case ENDING_WITH -> raw(path, Operator.ENDING_WITH, args.next(), ignoreCase);
            case CONTAINING -> raw(path, Operator.CONTAINING, args.next(), ignoreCase);
            case NOT_CONTAINING -> raw(path, Operator.NOT_CONTAINING, args.next(), ignoreCase);
            case LIKE -> raw(path, Operator.LIKE, args.next(), ignoreCase);
            case NOT_LIKE -> raw(path, Operator.NOT_LIKE, args.next(), ignoreCase);
            case REGEX -> raw(path, Operator.REGEX, args.next(), false);
            case IS_NULL -> new Condition(path, Operator.IS_NULL, List.of(), false);
            case IS_NOT_NULL, EXISTS -> new Condition(path, Operator.IS_NOT_NULL, List.of(), false);
            case IS_EMPTY -> new Condition(path, Operator.IS_EMPTY, List.of(), false);
            case IS_NOT_EMPTY -> new Condition(path, Operator.IS_NOT_EMPTY, List.of(), false);
            case TRUE -> new Condition(path, Operator.TRUE, List.of(), false);
            case FALSE -> new Condition(path, Operator.FALSE, List.of(), false);
            default ->
                throw new InvalidDataAccessApiUsageException(
                        "Lightning does not support the query keyword " + part.getType() + " (" + part + ")");
        };
    }

    private static Condition simple(String path, Operator op, Object arg, boolean ignoreCase, EntityMetadata<?> meta) {
        return raw(path, op, meta.convertForPath(arg, path), ignoreCase);
    }

    private static Condition raw(String path, Operator op, Object arg, boolean ignoreCase) {
        return new Condition(path, op, Collections.singletonList(arg), ignoreCase);
    }

    private static List<Object> elements(Object arg, String path, EntityMetadata<?> meta) {
        List<Object> result = new ArrayList<>();
        if (arg instanceof Collection<?> c) {
            c.forEach(e -> result.add(meta.convertForPath(e, path)));
        } else if (arg instanceof Object[] array) {
            Arrays.stream(array).forEach(e -> result.add(meta.convertForPath(e, path)));
        } else {
            result.add(meta.convertForPath(arg, path));
        }
        return result;
    }
}
