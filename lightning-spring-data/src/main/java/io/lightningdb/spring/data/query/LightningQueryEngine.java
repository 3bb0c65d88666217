package io.lightningdb.spring.data.query;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.ReadOperations;
import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs {@link LightningQuery queries} against the engine without loading a keyspace into memory:
 *
 * <ul>
 *   <li>when every OR branch has an equality, IN or range condition on an {@code @Indexed} property,
 *       only those index ranges are scanned; the hit ids are sorted (so results stay in id order),
 *       their entities fetched in batches, and the whole criteria re-checked on each, so a stale or
 *       expired index entry never produces a wrong result;
 *   <li>otherwise the keyspace is scanned as a lazy stream, decoding and filtering one entity at a
 *       time.
 * </ul>
 *
 * Unsorted queries stream lazily end to end (offset and limit included); sorted queries must see
 * every match before the first result, but a limited one keeps only the best {@code offset + limit}.
 */
public final class LightningQueryEngine {
    private static final int FETCH_BATCH = 128;

    /** Every entity matching {@code criteria}, in id order, as a lazy stream to be closed. */
    public <T> Stream<T> matches(
            ReadOperations reads, EntityMetadata<T> meta, Criteria criteria, Function<byte[], T> decoder) {
        Optional<List<KeyRange>> plan = IndexPlanner.plan(meta, criteria);
        Stream<T> candidates = plan.isPresent()
                ? fetch(reads, meta, indexHits(reads, plan.get()), decoder)
                : scan(reads, KeyRange.prefix(KeyCodec.keyspacePrefix(meta.getKeyspace())), decoder);
        return criteria.isAll() ? candidates : candidates.filter(e -> criteria.matches(e, meta::read));
    }

    /**
     * The results of {@code query}: lazy when unsorted; sorted otherwise, keeping only the first
     * {@code offset + limit} matches in memory when the query is limited.
     */
    public <T> Stream<T> stream(
            ReadOperations reads, EntityMetadata<T> meta, LightningQuery query, Function<byte[], T> decoder) {
        if (!query.sort().isSorted()) {
            Stream<T> sliced = matches(reads, meta, query.criteria(), decoder).skip(query.offset());
            return query.isLimited() ? sliced.limit(query.limit()) : sliced;
        }
        Comparator<T> order = SortComparator.of(query.sort(), meta);
        List<T> sorted;
        try (Stream<T> matches = matches(reads, meta, query.criteria(), decoder)) {
            sorted = query.isLimited() && query.offset() + query.limit() < Integer.MAX_VALUE
                    ? smallest(matches, order, (int) (query.offset() + query.limit()))
                    : matches.sorted(order).toList();
        }
        Stream<T> sliced = sorted.stream().skip(query.offset());
        return query.isLimited() ? sliced.limit(query.limit()) : sliced;
    }

    /** The first {@code k} elements in {@code order}, ties kept in encounter (id) order. */
    private static <T> List<T> smallest(Stream<T> elements, Comparator<T> order, int k) {
        record Ranked<T>(T value, long position) {}
        Comparator<Ranked<T>> ranked =
                Comparator.<Ranked<T>, T>comparing(Ranked::value, order).thenComparingLong(Ranked::position);
        PriorityQueue<Ranked<T>> largestFirst = new PriorityQueue<>(ranked.reversed());
        long[] position = {0};
        elements.forEach(e -> {
            Ranked<T> candidate = new Ranked<>(e, position[0]++);
            if (largestFirst.size() < k) {
                largestFirst.add(candidate);
            } else if (k > 0 && ranked.compare(candidate, largestFirst.peek()) < 0) {
                largestFirst.poll();
                largestFirst.add(candidate);
            }
        });
        return largestFirst.stream().sorted(ranked).map(Ranked::value).toList();
    }

    /** The results of {@code query} as a list. */
    public <T> List<T> list(
            ReadOperations reads, EntityMetadata<T> meta, LightningQuery query, Function<byte[], T> decoder) {
        try (Stream<T> s = stream(reads, meta, query, decoder)) {
            return s.toList();
        }
    }

    /** How many entities match; a match-all criteria counts keys without decoding values. */
    public <T> long count(
            ReadOperations reads, EntityMetadata<T> meta, Criteria criteria, Function<byte[], T> decoder) {
        if (criteria.isAll()) {
            try (Stream<byte[]> keys =
                    scan(reads, KeyRange.prefix(KeyCodec.keyspacePrefix(meta.getKeyspace())), v -> v)) {
                return keys.count();
            }
        }
        try (Stream<T> s = matches(reads, meta, criteria, decoder)) {
            return s.count();
        }
    }

    private static TreeSet<byte[]> indexHits(ReadOperations reads, List<KeyRange> ranges) {
        TreeSet<byte[]> ids = new TreeSet<>(KeyCodec::compare);
        for (KeyRange range : ranges) {
            try (KvIterator it = reads.scan(range)) {
                while (it.next()) {
                    ids.add(it.value());
                }
            }
        }
        return ids;
    }

    private static <T> Stream<T> fetch(
            ReadOperations reads, EntityMetadata<T> meta, TreeSet<byte[]> ids, Function<byte[], T> decoder) {
        Iterator<byte[]> idIterator = ids.iterator();
        Spliterator<List<T>> batches = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super List<T>> action) {
                if (!idIterator.hasNext()) {
                    return false;
                }
                List<byte[]> keys = new ArrayList<>(FETCH_BATCH);
                while (idIterator.hasNext() && keys.size() < FETCH_BATCH) {
                    keys.add(KeyCodec.entityKey(meta.getKeyspace(), idIterator.next()));
                }
                List<T> batch = new ArrayList<>(keys.size());
                for (byte[] value : reads.getBatch(keys)) {
                    if (value != null) { // the entity expired or was deleted after its index entry was read
                        batch.add(decoder.apply(value));
                    }
                }
                action.accept(batch);
                return true;
            }
        };
        return StreamSupport.stream(batches, false).flatMap(List::stream);
    }

    private static <T> Stream<T> scan(ReadOperations reads, KeyRange range, Function<byte[], T> decoder) {
        KvIterator it = reads.scan(range);
        Spliterator<T> values = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                if (!it.next()) {
                    return false;
                }
                action.accept(decoder.apply(it.value()));
                return true;
            }
        };
        return StreamSupport.stream(values, false).onClose(it::close);
    }
}
