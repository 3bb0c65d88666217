package io.lightningdb.spring.data.query;

import java.util.Locale;
import java.util.Objects;

/** Equality and ordering of property values as queries and sorting see them. */
final class Values {
    private Values() {}

    /** Lower-cases strings when {@code ignoreCase}, leaves anything else alone. */
    static Object normalize(Object v, boolean ignoreCase) {
        return ignoreCase && v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
    }

    /** Equality by {@code compareTo} for comparables of one class (so 1.0 equals 1.00), else equals. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            return compare(a, b) == 0;
        }
        return Objects.equals(a, b);
    }

    /** Natural order of two non-null values of one comparable type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (!(a instanceof Comparable c)) {
            throw new IllegalArgumentException("Values of " + a.getClass().getName() + " are not comparable");
        }
        return c.compareTo(b);
    }
}
