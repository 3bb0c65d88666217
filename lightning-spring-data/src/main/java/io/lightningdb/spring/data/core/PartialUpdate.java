package io.lightningdb.spring.data.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * New values for some top-level properties of one stored entity, applied by {@link
 * LightningTemplate#update(PartialUpdate)} in one atomic read-modify-write that also maintains
 * indexes, the version and the time to live.
 *
 * <pre>{@code
 * template.update(PartialUpdate.of(Person.class, "p1").set("city", "Oslo").set("age", 41));
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class PartialUpdate<T> {
    private final Class<T> type;
    private final Object id;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private PartialUpdate(Class<T> type, Object id) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
    }

    /** An update of the {@code type} entity with {@code id}. */
    public static <T> PartialUpdate<T> of(Class<T> type, Object id) {
        return new PartialUpdate<>(type, id);
    }

    /** Sets property {@code name} to {@code value} (converted to the property's type). */
    public PartialUpdate<T> set(String name, Object value) {
        values.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** The entity type. */
    public Class<T> getType() {
        return type;
    }

    /** The entity id. */
    public Object getId() {
        return id;
    }

    /** The property values to set, in the order given. */
    public Map<String, Object> getValues() {
        return Collections.unmodifiableMap(values);
    }
}
