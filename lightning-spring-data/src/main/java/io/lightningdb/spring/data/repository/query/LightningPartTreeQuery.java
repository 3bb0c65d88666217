package io.lightningdb.spring.data.repository.query;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.LightningQuery;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * A derived query ({@code findBy…}, {@code countBy…}, {@code existsBy…}, {@code deleteBy…}) run
 * through the template's query engine. Sorting ({@code OrderBy}, {@code Sort}, the pageable's sort)
 * is applied before {@code Top}/{@code First}, {@code Limit}, paging and scrolling. Results can be
 * entities, {@code Optional}, {@code List}, {@code Page}, {@code Slice}, lazy {@code Stream}s,
 * {@code Window}s, and interface or DTO projections.
 */
public class LightningPartTreeQuery implements RepositoryQuery {
    private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

    private final QueryMethod method;
    private final LightningTemplate template;
    private final PartTree tree;
    private final EntityMetadata<?> meta;

    /** A query for {@code method}, parsed once. */
    public LightningPartTreeQuery(QueryMethod method, LightningTemplate template) {
        this.method = method;
        this.template = template;
        Class<?> domainType = method.getEntityInformation().getJavaType();
        this.tree = new PartTree(method.getName(), domainType);
        this.meta = template.getEntityMetadata(domainType);
    }

    @Override
    public QueryMethod getQueryMethod() {
        return method;
    }

    @Override
    public Object execute(Object[] parameters) {
        ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
        ResultProcessor processor = method.getResultProcessor().withDynamicProjection(accessor);
        Converter<Object, Object> toResult = resultConverter(processor.getReturnedType());
        Criteria criteria = PartTreeCriteria.of(tree, accessor, meta);
        Class<?> type = meta.getType();
        if (tree.isCountProjection()) {
            return template.count(criteria, type);
        }
        if (tree.isExistsProjection()) {
            return template.exists(criteria, type);
        }
        LightningQuery query = LightningQuery.of(criteria).sorted(tree.getSort().and(accessor.getSort()));
        long max = maxResults(accessor.getLimit());
        if (tree.isDelete()) {
            return delete(max < 0 ? query : query.limit(max), type, processor, toResult);
        }
        if (method.isPageQuery() || method.isSliceQuery()) {
            return paged(query, accessor.getPageable(), type, processor, toResult);
        }
        if (method.isScrollQuery()) {
            return new ScrollExecution(template, meta)
                    .scroll(query, accessor.getScrollPosition(), max)
                    .map(e -> processor.processResult(e, toResult));
        }
        if (method.isStreamQuery()) {
            Stream<?> stream = template.stream(max < 0 ? query : query.limit(max), type);
            return stream.map(e -> processor.processResult(e, toResult));
        }
        if (method.isCollectionQuery()) {
            return process(template.find(max < 0 ? query : query.limit(max), type), processor, toResult);
        }
        List<?> found = template.find(query.limit(max < 0 ? 2 : Math.min(max, 2)), type);
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException(
                    "Query " + method.getName() + " returned more than one result", 1);
        }
        return found.isEmpty() ? null : processor.processResult(found.get(0), toResult);
    }

    private Object delete(
            LightningQuery query, Class<?> type, ResultProcessor processor, Converter<Object, Object> toResult) {
        List<?> matches = template.find(query, type);
        template.deleteAll(matches);
        return method.isCollectionQuery() ? process(matches, processor, toResult) : (Object) (long) matches.size();
    }

    private Object paged(
            LightningQuery query,
            Pageable pageable,
            Class<?> type,
            ResultProcessor processor,
            Converter<Object, Object> toResult) {
        if (pageable.isUnpaged()) {
            List<Object> all = process(template.find(query, type), processor, toResult);
            return method.isPageQuery()
                    ? PageableExecutionUtils.getPage(all, pageable, all::size)
                    : new SliceImpl<>(all, pageable, false);
        }
        LightningQuery page = query.skip(pageable.getOffset());
        if (method.isPageQuery()) {
            List<Object> content =
                    process(template.find(page.limit(pageable.getPageSize()), type), processor, toResult);
            return PageableExecutionUtils.getPage(content, pageable, () -> template.count(query.criteria(), type));
        }
        List<Object> content =
                process(template.find(page.limit(pageable.getPageSize() + 1L), type), processor, toResult);
        boolean hasNext = content.size() > pageable.getPageSize();
        return new SliceImpl<>(hasNext ? content.subList(0, pageable.getPageSize()) : content, pageable, hasNext);
    }

    /** The tighter of {@code Top}/{@code First} and a {@link Limit} argument, or -1 for none. */
    private long maxResults(Limit limit) {
        long max = tree.isLimiting() ? tree.getMaxResults() : -1;
        if (limit != null && limit.isLimited()) {
            max = max < 0 ? limit.max() : Math.min(max, limit.max());
        }
        return max;
    }

    private static List<Object> process(
            List<?> entities, ResultProcessor processor, Converter<Object, Object> toResult) {
        return entities.stream()
                .map(e -> processor.<Object>processResult(e, toResult))
                .toList();
    }

    /** DTO projections are instantiated from the entity; interface projections need no preparation. */
    private Converter<Object, Object> resultConverter(ReturnedType returned) {
        if (returned.isProjecting() && !returned.getReturnedType().isInterface()) {
            return new DtoInstantiatingConverter(
                    returned.getReturnedType(), template.getMappingContext(), INSTANTIATORS);
        }
        return source -> source;
    }
}
