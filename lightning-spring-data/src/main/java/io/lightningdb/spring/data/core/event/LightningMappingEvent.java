package io.lightningdb.spring.data.core.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the lifecycle events the template publishes as Spring application events, so any bean
 * can observe saves and deletes:
 *
 * <pre>{@code
 * @EventListener
 * void onSave(AfterSaveEvent<Person> event) {
 *     log.info("saved {} in {}", event.getId(), event.getKeyspace());
 * }
 * }</pre>
 *
 * Events are published synchronously on the calling thread; inside a transaction the "after"
 * events mean "written to the transaction", not yet "committed".
 *
 * @param <T> the entity type
 */
public abstract class LightningMappingEvent<T> extends ApplicationEvent {
    private static final long serialVersionUID = 1L;
    private final String keyspace;
    private final transient Object id;
    private final transient T entity;
    private final Class<T> type;

    protected LightningMappingEvent(String keyspace, Object id, T entity, Class<T> type) {
        super(id == null ? keyspace : id);
        this.keyspace = keyspace;
        this.id = id;
        this.entity = entity;
        this.type = type;
    }

    /** The keyspace of the entity. */
    public String getKeyspace() {
        return keyspace;
    }

    /** The entity id (null before save for generated ids). */
    public Object getId() {
        return id;
    }

    /** The entity, or null for a delete by id of an absent entity. */
    public T getEntity() {
        return entity;
    }

    /** The entity type. */
    public Class<T> getType() {
        return type;
    }
}
