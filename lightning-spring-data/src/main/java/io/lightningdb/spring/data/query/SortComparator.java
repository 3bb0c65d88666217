package io.lightningdb.spring.data.query;

import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import java.util.Comparator;
import java.util.function.BiFunction;
import org.springframework.data.domain.Sort;

/**
 * Orders entities by a {@link Sort}. Nulls sort first ascending and last descending unless the
 * order says otherwise; {@code ignoreCase} orders compare lower-cased strings. Used with a stable
 * sort over id-ordered input, so ties keep id order.
 */
public final class SortComparator {
    private SortComparator() {}

    /** A comparator for {@code sort} over entities described by {@code meta}. */
    public static <T> Comparator<T> of(Sort sort, EntityMetadata<T> meta) {
        sort.forEach(order -> meta.propertyAt(order.getProperty())); // fail fast on unknown properties
        return of(sort, meta::read);
    }

    /** A comparator for {@code sort} over any objects whose values {@code reader} extracts by path. */
    public static <T> Comparator<T> of(Sort sort, BiFunction<T, String, Object> reader) {
        Comparator<T> result = (a, b) -> 0;
        for (Sort.Order order : sort) {
            result = result.thenComparing(forOrder(order, reader));
        }
        return result;
    }

    private static <T> Comparator<T> forOrder(Sort.Order order, BiFunction<T, String, Object> reader) {
        String path = order.getProperty();
        boolean nullsFirst = switch (order.getNullHandling()) {
            case NULLS_FIRST -> true;
            case NULLS_LAST -> false;
            case NATIVE -> order.isAscending();
        };
        Comparator<Object> values = (a, b) -> {
            if (a == null || b == null) {
                return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
            }
            int c = Values.compare(
                    Values.normalize(a, order.isIgnoreCase()), Values.normalize(b, order.isIgnoreCase()));
            return order.isAscending() ? c : -c;
        };
        return (x, y) -> values.compare(reader.apply(x, path), reader.apply(y, path));
    }
}
