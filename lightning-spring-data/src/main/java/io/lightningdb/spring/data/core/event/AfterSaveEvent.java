package io.lightningdb.spring.data.core.event;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Published after an entity was written (in a transaction: to the transaction).
 *
 * @param <T> the entity type
 */
public class AfterSaveEvent<T> extends LightningMappingEvent<T> implements ResolvableTypeProvider {
    private static final long serialVersionUID = 1L;

    public AfterSaveEvent(String keyspace, Object id, T entity, Class<T> type) {
        super(keyspace, id, entity, type);
    }

    /** Lets generic listeners such as {@code @EventListener void on(AfterSaveEvent<Person> e)} match. */
    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(getClass(), getType());
    }
}
