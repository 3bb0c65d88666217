package io.lightningdb.spring.data.repository.support;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.LightningQuery;
import io.lightningdb.spring.data.repository.LightningRepository;
import io.lightningdb.spring.data.repository.query.ExampleCriteria;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;

/**
 * The implementation behind every Lightning repository interface. {@code saveAll}, {@code
 * deleteAll…} are single atomic engine writes; all methods join the current transaction.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
public class SimpleLightningRepository<T, ID> implements LightningRepository<T, ID> {
    private final EntityInformation<T, ID> entityInformation;
    private final LightningTemplate template;
    private final Class<T> type;

    /** A repository of {@code entityInformation}'s type stored through {@code template}. */
    public SimpleLightningRepository(EntityInformation<T, ID> entityInformation, LightningTemplate template) {
        this.entityInformation = entityInformation;
        this.template = template;
        this.type = entityInformation.getJavaType();
    }

    @Override
    public <S extends T> S save(S entity) {
        return template.save(entity);
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> entities) {
        return template.saveAll(entities);
    }

    @Override
    public Optional<T> findById(ID id) {
        return template.findById(id, type);
    }

    @Override
    public boolean existsById(ID id) {
        return template.existsById(id, type);
    }

    @Override
    public List<T> findAll() {
        return template.findAll(type);
    }

    @Override
    public List<T> findAllById(Iterable<ID> ids) {
        return template.findAllById(ids, type);
    }

    @Override
    public long count() {
        return template.count(type);
    }

    @Override
    public void deleteById(ID id) {
        template.deleteById(id, type);
    }

    @Override
    public void delete(T entity) {
        template.delete(entity);
    }

    @Override
    public void deleteAllById(Iterable<? extends ID> ids) {
        template.deleteAllById(ids, type);
    }

    @Override
    public void deleteAll(Iterable<? extends T> entities) {
        template.deleteAll(entities);
    }

    @Override
    public void deleteAll() {
        template.deleteAll(type);
    }

    @Override
    public List<T> findAll(Sort sort) {
        Assert.notNull(sort, "The sort must not be null");
        return template.findAll(type, sort);
    }

    @Override
    public Page<T> findAll(Pageable pageable) {
        return page(Criteria.all(), pageable);
    }

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        List<S> found = findBy(example, q -> q.limit(2).all());
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException(1, found.size());
        }
        return found.stream().findFirst();
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return findBy(example, FluentQuery.FetchableFluentQuery::all);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        return findBy(example, q -> q.sortBy(sort).all());
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        return findBy(example, q -> q.page(pageable));
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return template.count(criteria(example), type);
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return template.exists(criteria(example), type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends T, R> R findBy(
            Example<S> example, Function<FluentQuery.FetchableFluentQuery<S>, R> queryFunction) {
        Assert.notNull(queryFunction, "The query function must not be null");
        return queryFunction.apply(new ExampleFluentQuery<>(
                template, criteria(example), (Class<S>) type, (Class<S>) type, Sort.unsorted(), -1));
    }

    private Criteria criteria(Example<?> example) {
        Assert.notNull(example, "The example must not be null");
        return ExampleCriteria.of(example, template.getMappingContext());
    }

    private Page<T> page(Criteria criteria, Pageable pageable) {
        Assert.notNull(pageable, "The pageable must not be null");
        LightningQuery query = LightningQuery.of(criteria).sorted(pageable.getSort());
        if (pageable.isUnpaged()) {
            List<T> all = template.find(query, type);
            return PageableExecutionUtils.getPage(all, pageable, all::size);
        }
        List<T> content = template.find(query.skip(pageable.getOffset()).limit(pageable.getPageSize()), type);
        return PageableExecutionUtils.getPage(content, pageable, () -> template.count(criteria, type));
    }

    /** The entity information this repository was created with. */
    protected EntityInformation<T, ID> getEntityInformation() {
        return entityInformation;
    }
}
