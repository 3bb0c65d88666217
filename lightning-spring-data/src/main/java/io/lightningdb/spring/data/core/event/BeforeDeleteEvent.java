package io.lightningdb.spring.data.core.event;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * Published before an entity is deleted.
 *
 * @param <T> the entity type
 */
public class BeforeDeleteEvent<T> extends LightningMappingEvent<T> implements ResolvableTypeProvider {
    private static final long serialVersionUID = 1L;

    public BeforeDeleteEvent(String keyspace, Object id, T entity, Class<T> type) {
        super(keyspace, id, entity, type);
    }

    /** Lets generic listeners such as {@code @EventListener void on(BeforeDeleteEvent<Person> e)} match. */
    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(getClass(), getType());
    }
}
