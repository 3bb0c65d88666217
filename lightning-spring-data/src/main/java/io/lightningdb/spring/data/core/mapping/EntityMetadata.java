package io.lightningdb.spring.data.core.mapping;

import io.lightningdb.spring.data.core.KeyCodec;
import io.lightningdb.spring.data.index.IndexValueEncoder;
import io.lightningdb.spring.data.index.Indexed;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What the store needs to know about one entity type: keyspace, id, version, time to live and
 * indexed properties, resolved once from the mapping context. Obtained from {@code
 * LightningTemplate.getEntityMetadata(type)}; used by the template, the index writer and the query
 * engine.
 *
 * @param <T> the entity type
 */
public final class EntityMetadata<T> {
    private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();
    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();
    private final Class<T> type;
    private final KeyValueMappingContext<?, ?> context;
    private final KeyValuePersistentEntity<?, ?> entity;
    private final String keyspace;
    private final List<String> indexedPaths;
    private final Map<String, PersistentPropertyPath<? extends PersistentProperty<?>>> paths =
            new ConcurrentHashMap<>();
    private final PersistentProperty<?> ttlProperty;
    private final Method ttlMethod;
    private final TimeToLive ttl;

    EntityMetadata(Class<T> type, KeyValueMappingContext<?, ?> context) {
        this.type = type;
        this.context = context;
        this.entity = context.getRequiredPersistentEntity(type);
        this.keyspace = entity.getKeySpace();
        if (keyspace == null || keyspace.isEmpty() || keyspace.indexOf(':') >= 0 || keyspace.charAt(0) == 0) {
            throw new MappingException("Keyspace '" + keyspace + "' of " + type.getName()
                    + " must be non-empty and contain no ':' (it separates keyspace and id)");
        }
        PersistentProperty<?> id = entity.getIdProperty();
        if (id == null || !KeyCodec.supportsIdType(id.getType())) {
            throw new MappingException(
                    type.getName() + " needs an @Id property of type String, Long, Integer or UUID; found " + id);
        }
        this.indexedPaths = findIndexedProperties();
        this.ttlProperty = entity.getPersistentProperty(TimeToLive.class);
        this.ttlMethod = ttlProperty == null ? findTtlMethod(type) : null;
        this.ttl = ttlProperty != null
                ? ttlProperty.findAnnotation(TimeToLive.class)
                : ttlMethod == null ? null : ttlMethod.getAnnotation(TimeToLive.class);
    }

    /** Metadata for {@code type}, cached per mapping context by the caller. */
    public static <T> EntityMetadata<T> of(Class<T> type, KeyValueMappingContext<?, ?> context) {
        return new EntityMetadata<>(type, context);
    }

    private List<String> findIndexedProperties() {
        List<String> result = new ArrayList<>();
        entity.doWithProperties((PersistentProperty<?> p) -> {
            if (p.isAnnotationPresent(Indexed.class)) {
                if (!IndexValueEncoder.supports(p.getType())) {
                    throw new MappingException("@Indexed property " + type.getName() + "." + p.getName()
                            + " has unsupported type " + p.getType().getName());
                }
                result.add(p.getName());
            }
        });
        return List.copyOf(result);
    }

    private static Method findTtlMethod(Class<?> type) {
        Method[] found = {null};
        ReflectionUtils.doWithMethods(
                type, m -> found[0] = m, m -> m.isAnnotationPresent(TimeToLive.class) && m.getParameterCount() == 0);
        if (found[0] != null) {
            ReflectionUtils.makeAccessible(found[0]);
        }
        return found[0];
    }

    /** The entity class. */
    public Class<T> getType() {
        return type;
    }

    /** The keyspace: from {@code @KeySpace} or the lower-cased simple class name. */
    public String getKeyspace() {
        return keyspace;
    }

    /** The persistent entity from the mapping context. */
    public KeyValuePersistentEntity<?, ?> getPersistentEntity() {
        return entity;
    }

    /** Dot paths of the {@code @Indexed} properties. */
    public List<String> getIndexedPaths() {
        return indexedPaths;
    }

    /** Whether {@code path} is an indexed property. */
    public boolean isIndexed(String path) {
        return indexedPaths.contains(path);
    }

    /** The id of {@code bean}, or null. */
    public Object getId(Object bean) {
        return entity.getIdentifierAccessor(bean).getIdentifier();
    }

    /** Sets the id, returning the bean to use afterwards (a new instance for immutable types). */
    public T setId(T bean, Object id) {
        return set(bean, entity.getRequiredIdProperty(), id);
    }

    /** The boxed type of the id property. */
    public Class<?> getIdType() {
        return ClassUtils.resolvePrimitiveIfNecessary(
                entity.getRequiredIdProperty().getType());
    }

    /** Whether the entity has a {@code @Version} property. */
    public boolean hasVersion() {
        return entity.hasVersionProperty();
    }

    /** The version as a long, or null if unset (a primitive version of 0 counts as unset). */
    public Long getVersion(Object bean) {
        Object v = entity.getPropertyAccessor(bean).getProperty(entity.getRequiredVersionProperty());
        long n = v == null ? 0 : ((Number) v).longValue();
        return v == null
                        || (n == 0
                                && entity.getRequiredVersionProperty().getType().isPrimitive())
                ? null
                : n;
    }

    /** Sets the version (null meaning unset), converted to the property's type. */
    public T setVersion(T bean, Long version) {
        PersistentProperty<?> p = entity.getRequiredVersionProperty();
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(p.getType());
        Object value =
                version == null ? (p.getType().isPrimitive() ? convert(0L, boxed) : null) : convert(version, boxed);
        return set(bean, p, value);
    }

    /** The time to live of {@code bean}, or null if it does not expire. */
    public Duration getTimeToLive(Object bean) {
        if (ttl == null) {
            return null;
        }
        Object v = ttlProperty != null
                ? entity.getPropertyAccessor(bean).getProperty(ttlProperty)
                : ReflectionUtils.invokeMethod(ttlMethod, bean);
        Duration d = v instanceof Duration duration
                ? duration
                : v instanceof Number n ? Duration.ofNanos(ttl.unit().toNanos(n.longValue())) : null;
        return d == null || d.isNegative() || d.isZero() ? null : d;
    }

    /** The value at dot path {@code path} of {@code bean}; null if any step is null. */
    public Object read(Object bean, String path) {
        Object current = bean;
        for (PersistentProperty<?> p : propertyPath(path)) {
            if (current == null) {
                return null;
            }
            current = context.getRequiredPersistentEntity(current.getClass())
                    .getPropertyAccessor(current)
                    .getProperty(p);
        }
        return current;
    }

    /** The boxed type of the leaf property at {@code path}. */
    public Class<?> typeOf(String path) {
        return ClassUtils.resolvePrimitiveIfNecessary(
                propertyPath(path).getLeafProperty().getType());
    }

    /** The persistent property at {@code path}; unknown paths throw a mapping exception. */
    public PersistentProperty<?> propertyAt(String path) {
        return propertyPath(path).getLeafProperty();
    }

    private PersistentPropertyPath<? extends PersistentProperty<?>> propertyPath(String path) {
        return paths.computeIfAbsent(path, p -> context.getPersistentPropertyPath(p, type));
    }

    /** Sets a top-level property, converting the value to its type; returns the bean to use. */
    public T setProperty(T bean, String name, Object value) {
        PersistentProperty<?> p = entity.getRequiredPersistentProperty(name);
        Object converted =
                value == null ? null : CONVERSIONS.convert(value, ClassUtils.resolvePrimitiveIfNecessary(p.getType()));
        return set(bean, p, converted);
    }

    /** The version a first save assigns: 0, or 1 for a primitive (where 0 means "new"). */
    public long initialVersion() {
        return entity.getRequiredVersionProperty().getType().isPrimitive() ? 1 : 0;
    }

    /** Converts a query argument to the boxed type of the property at {@code path}. */
    public Object convertForPath(Object value, String path) {
        Class<?> target = typeOf(path);
        if (value == null || target.isInstance(value) || !CONVERSIONS.canConvert(value.getClass(), target)) {
            return value;
        }
        return CONVERSIONS.convert(value, target);
    }

    /** Sets through an accessor that re-instantiates immutable types (records, withers). */
    @SuppressWarnings("unchecked")
    private T set(T bean, PersistentProperty<?> property, Object value) {
        PersistentPropertyAccessor<T> accessor = new InstantiationAwarePropertyAccessor<>(
                bean, b -> (PersistentPropertyAccessor<T>) entity.getPropertyAccessor(b), INSTANTIATORS);
        accessor.setProperty(property, value);
        return accessor.getBean();
    }

    private static Object convert(long value, Class<?> type) {
        if (type == Integer.class) {
            return (int) value;
        }
        if (type == Short.class) {
            return (short) value;
        }
        return value;
    }
}
