package io.lightningdb.spring.data.repository.query;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.query.LightningQuery;
import io.lightningdb.spring.data.query.SortComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

/**
 * Runs a query as a {@link Window}: offset scrolling skips the rows already seen; keyset scrolling
 * (forward) resumes after the last entity's sort key, so concurrent inserts before the position do
 * not shift the next window. The id is appended to the sort so positions are unique.
 */
final class ScrollExecution {
    private final LightningTemplate template;
    private final EntityMetadata<?> meta;

    ScrollExecution(LightningTemplate template, EntityMetadata<?> meta) {
        this.template = template;
        this.meta = meta;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Window<Object> scroll(LightningQuery query, ScrollPosition position, long max) {
        if (position instanceof KeysetScrollPosition keyset) {
            return (Window) keyset(query, keyset, max);
        }
        OffsetScrollPosition offset = position == null ? ScrollPosition.offset() : (OffsetScrollPosition) position;
        long start =
                offset.isInitial() ? 0 : offset.getOffset() + 1; // a position is the offset of the last element seen
        LightningQuery page = query.skip(start);
        List<Object> content =
                new ArrayList<>(template.find(max < 0 ? page : page.limit(max + 1), (Class<Object>) meta.getType()));
        boolean hasNext = max >= 0 && content.size() > max;
        List<Object> window = hasNext ? content.subList(0, (int) max) : content;
        return Window.from(window, OffsetScrollPosition.positionFunction(start), hasNext);
    }

    @SuppressWarnings("unchecked")
    private <T> Window<T> keyset(LightningQuery query, KeysetScrollPosition position, long max) {
        if (position.scrollsBackward()) {
            throw new InvalidDataAccessApiUsageException("Lightning supports forward keyset scrolling only");
        }
        EntityMetadata<T> typed = (EntityMetadata<T>) meta;
        String idPath = meta.getPersistentEntity().getRequiredIdProperty().getName();
        Sort sort = query.sort().getOrderFor(idPath) == null ? query.sort().and(Sort.by(idPath)) : query.sort();
        List<T> all = template.find(query.sorted(sort), typed.getType());
        int from = 0;
        if (!position.isInitial()) {
            Comparator<Map<String, Object>> byKeys = SortComparator.of(sort, Map::get);
            while (from < all.size() && byKeys.compare(keysOf(all.get(from), sort, typed), position.getKeys()) <= 0) {
                from++;
            }
        }
        int to = max < 0 ? all.size() : (int) Math.min(all.size(), from + max);
        List<T> content = all.subList(from, to);
        return Window.from(content, i -> ScrollPosition.forward(keysOf(content.get(i), sort, typed)), to < all.size());
    }

    private static <T> Map<String, Object> keysOf(T entity, Sort sort, EntityMetadata<T> meta) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Sort.Order order : sort) {
            keys.put(order.getProperty(), meta.read(entity, order.getProperty()));
        }
        return keys;
    }
}
