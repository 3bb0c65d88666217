package io.lightningdb.spring.data.repository.support;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.repository.query.LightningPartTreeQuery;
import java.util.Optional;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ValueExpressionDelegate;

/**
 * Creates repository proxies backed by {@link SimpleLightningRepository}, deriving queries from
 * method names with {@link LightningPartTreeQuery}. Usable without Spring configuration:
 *
 * <pre>{@code
 * PersonRepository people = new LightningRepositoryFactory(template).getRepository(PersonRepository.class);
 * }</pre>
 */
public class LightningRepositoryFactory extends RepositoryFactorySupport {
    private final LightningTemplate template;

    /** A factory of repositories stored through {@code template}. */
    public LightningRepositoryFactory(LightningTemplate template) {
        this.template = template;
    }

    @Override
    public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
        return entityInformation(metadata.getDomainType());
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T, ID> EntityInformation<T, ID> getEntityInformation(Class<T> domainClass) {
        return entityInformation(domainClass);
    }

    @SuppressWarnings("unchecked")
    private <T, ID> EntityInformation<T, ID> entityInformation(Class<T> domainClass) {
        template.getEntityMetadata(domainClass); // validates id type and keyspace up front
        return new PersistentEntityInformation<>(
                (PersistentEntity<T, ?>) template.getMappingContext().getRequiredPersistentEntity(domainClass));
    }

    @Override
    protected Object getTargetRepository(RepositoryInformation information) {
        return getTargetRepositoryViaReflection(information, getEntityInformation(information), template);
    }

    @Override
    protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
        return SimpleLightningRepository.class;
    }

    @Override
    protected Optional<QueryLookupStrategy> getQueryLookupStrategy(
            QueryLookupStrategy.Key key, ValueExpressionDelegate valueExpressionDelegate) {
        return Optional.of((method, metadata, projectionFactory, namedQueries) ->
                new LightningPartTreeQuery(new QueryMethod(method, metadata, projectionFactory), template));
    }
}
