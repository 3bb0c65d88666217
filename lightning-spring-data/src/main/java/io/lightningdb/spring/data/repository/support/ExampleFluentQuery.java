package io.lightningdb.spring.data.repository.support;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.LightningQuery;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * The fluent Query-by-Example API ({@code repository.findBy(example, q -> q.sortBy(...).page(...))}).
 * {@code project(...)} is accepted but loads whole entities: values are stored as one document.
 *
 * @param <S> the entity type
 * @param <R> the result type
 */
final class ExampleFluentQuery<S, R> implements FluentQuery.FetchableFluentQuery<R> {
    private static final SpelAwareProxyProjectionFactory PROJECTIONS = new SpelAwareProxyProjectionFactory();
    private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

    private final LightningTemplate template;
    private final Criteria criteria;
    private final Class<S> entityType;
    private final Class<R> resultType;
    private final Sort sort;
    private final long limit;

    ExampleFluentQuery(
            LightningTemplate template,
            Criteria criteria,
            Class<S> entityType,
            Class<R> resultType,
            Sort sort,
            long limit) {
        this.template = template;
        this.criteria = criteria;
        this.entityType = entityType;
        this.resultType = resultType;
        this.sort = sort;
        this.limit = limit;
    }

    @Override
    public FetchableFluentQuery<R> sortBy(Sort sort) {
        return new ExampleFluentQuery<>(template, criteria, entityType, resultType, this.sort.and(sort), limit);
    }

    @Override
    public FetchableFluentQuery<R> limit(int limit) {
        return new ExampleFluentQuery<>(template, criteria, entityType, resultType, sort, limit);
    }

    @Override
    public <N> FetchableFluentQuery<N> as(Class<N> resultType) {
        return new ExampleFluentQuery<>(template, criteria, entityType, resultType, sort, limit);
    }

    @Override
    public FetchableFluentQuery<R> project(Collection<String> properties) {
        return this;
    }

    @Override
    public R oneValue() {
        List<R> found = fetch(query().limit(2));
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException(1, found.size());
        }
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public R firstValue() {
        List<R> found = fetch(query().limit(1));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<R> all() {
        return fetch(query());
    }

    @Override
    public Page<R> page(Pageable pageable) {
        if (pageable.isUnpaged()) {
            List<R> all = fetch(query().sorted(sort.and(pageable.getSort())));
            return PageableExecutionUtils.getPage(all, pageable, all::size);
        }
        LightningQuery q = query().sorted(sort.and(pageable.getSort()))
                .skip(pageable.getOffset())
                .limit(pageable.getPageSize());
        return PageableExecutionUtils.getPage(fetch(q), pageable, () -> template.count(criteria, entityType));
    }

    @Override
    public Stream<R> stream() {
        return template.stream(query(), entityType).map(this::convert);
    }

    @Override
    public long count() {
        return template.count(criteria, entityType);
    }

    @Override
    public boolean exists() {
        return template.exists(criteria, entityType);
    }

    private LightningQuery query() {
        LightningQuery q = LightningQuery.of(criteria).sorted(sort);
        return limit >= 0 ? q.limit(limit) : q;
    }

    private List<R> fetch(LightningQuery query) {
        return template.find(query, entityType).stream().map(this::convert).toList();
    }

    private R convert(S entity) {
        if (resultType.isInstance(entity)) {
            return resultType.cast(entity);
        }
        if (resultType.isInterface()) {
            return PROJECTIONS.createProjection(resultType, entity);
        }
        return resultType.cast(
                new DtoInstantiatingConverter(resultType, template.getMappingContext(), INSTANTIATORS).convert(entity));
    }
}
