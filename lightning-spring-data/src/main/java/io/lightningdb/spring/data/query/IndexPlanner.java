package io.lightningdb.spring.data.query;

import io.lightningdb.KeyRange;
import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.index.IndexValueEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses index ranges that cover every match of a {@link Criteria}: one indexable condition per
 * OR branch (equality before IN before ranges). If some branch has none, the criteria needs a
 * keyspace scan and the plan is empty. Index hits are candidates only: the engine re-checks the
 * whole criteria on each loaded entity.
 */
final class IndexPlanner {
    private IndexPlanner() {}

    /** The index ranges to scan, or empty when a keyspace scan is needed. */
    static Optional<List<KeyRange>> plan(EntityMetadata<?> meta, Criteria criteria) {
        if (criteria.isAll() || meta.getIndexedPaths().isEmpty()) {
            return Optional.empty();
        }
        List<KeyRange> ranges = new ArrayList<>();
        for (List<Condition> branch : criteria.branches()) {
            Optional<Condition> best =
                    branch.stream().filter(c -> usable(meta, c)).min(Comparator.comparingInt(IndexPlanner::cost));
            if (best.isEmpty()) {
                return Optional.empty();
            }
            ranges.addAll(ranges(meta, best.get()));
        }
        return Optional.of(ranges);
    }

    private static boolean usable(EntityMetadata<?> meta, Condition c) {
        return meta.isIndexed(c.path()) && !c.ignoreCase() && cost(c) < Integer.MAX_VALUE;
    }

    private static int cost(Condition c) {
        return switch (c.operator()) {
            case EQUALS, TRUE, FALSE, IS_NULL -> 0;
            case IN -> 1;
            case BETWEEN -> 2;
            case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> 3;
            default -> Integer.MAX_VALUE;
        };
    }

    private static List<KeyRange> ranges(EntityMetadata<?> meta, Condition c) {
        byte[] prefix = KeyCodec.indexPrefix(meta.getKeyspace(), c.path());
        byte tag = IndexValueEncoder.tag(meta.typeOf(c.path()));
        byte[] floor = KeyCodec.concat(prefix, new byte[] {tag});
        byte[] ceiling = KeyCodec.concat(prefix, new byte[] {(byte) (tag + 1)});
        return switch (c.operator()) {
            case EQUALS -> List.of(exactly(prefix, c.value()));
            case TRUE -> List.of(exactly(prefix, Boolean.TRUE));
            case FALSE -> List.of(exactly(prefix, Boolean.FALSE));
            case IS_NULL -> List.of(exactly(prefix, null));
            case IN -> c.values().stream().map(v -> exactly(prefix, v)).toList();
            case GREATER_THAN -> range(after(prefix, c.value()), ceiling, c.value());
            case GREATER_THAN_EQUAL -> range(at(prefix, c.value()), ceiling, c.value());
            case LESS_THAN -> range(floor, at(prefix, c.value()), c.value());
            case LESS_THAN_EQUAL -> range(floor, after(prefix, c.value()), c.value());
            case BETWEEN ->
                c.values().contains(null)
                                || Values.compare(c.values().get(0), c.values().get(1)) > 0
                        ? List.of()
                        : range(
                                at(prefix, c.values().get(0)),
                                after(prefix, c.values().get(1)),
                                c.value());
            default -> throw new IllegalStateException("not indexable: " + c);
        };
    }

    /** A comparison against null matches nothing, so it scans nothing. */
    private static List<KeyRange> range(byte[] from, byte[] to, Object bound) {
        return bound == null || KeyCodec.compare(from, to) >= 0 ? List.of() : List.of(KeyRange.between(from, to));
    }

    private static KeyRange exactly(byte[] prefix, Object value) {
        return KeyRange.prefix(at(prefix, value));
    }

    private static byte[] at(byte[] prefix, Object value) {
        return KeyCodec.concat(prefix, IndexValueEncoder.encode(value));
    }

    /** The first key after every entry holding exactly {@code value}. */
    private static byte[] after(byte[] prefix, Object value) {
        return KeyRange.prefix(at(prefix, value)).end();
    }
}
