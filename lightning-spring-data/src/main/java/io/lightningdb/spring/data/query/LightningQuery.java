package io.lightningdb.spring.data.query;

import java.util.Objects;
import org.springframework.data.domain.Sort;

/**
 * A query over one keyspace: which entities ({@link Criteria}), in which order, which slice.
 * Sorting happens before offset and limit, so pages of a sorted query are pages of the sorted
 * result. Without a sort, results come in id order.
 *
 * <pre>{@code
 * template.find(LightningQuery.of(criteria).sorted(Sort.by("age")).skip(20).limit(10), Person.class);
 * }</pre>
 *
 * @param criteria which entities match
 * @param sort the order, or unsorted for id order
 * @param offset how many matches to skip
 * @param limit the most results to return, or -1 for all
 */
public record LightningQuery(Criteria criteria, Sort sort, long offset, long limit) {

    public LightningQuery {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    /** All entities matching {@code criteria}, in id order. */
    public static LightningQuery of(Criteria criteria) {
        return new LightningQuery(criteria, Sort.unsorted(), 0, -1);
    }

    /** The same query sorted by {@code sort}. */
    public LightningQuery sorted(Sort sort) {
        return new LightningQuery(criteria, sort, offset, limit);
    }

    /** The same query skipping the first {@code offset} results. */
    public LightningQuery skip(long offset) {
        return new LightningQuery(criteria, sort, offset, limit);
    }

    /** The same query returning at most {@code limit} results. */
    public LightningQuery limit(long limit) {
        return new LightningQuery(criteria, sort, offset, limit);
    }

    /** Whether a limit is set. */
    public boolean isLimited() {
        return limit >= 0;
    }
}
