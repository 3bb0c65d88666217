package io.lightningdb.spring.data.core;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.convert.EntityCodec;
import io.lightningdb.spring.data.convert.JsonEntityCodec;
import io.lightningdb.spring.data.core.event.AfterDeleteEvent;
import io.lightningdb.spring.data.core.event.AfterSaveEvent;
import io.lightningdb.spring.data.core.event.BeforeDeleteEvent;
import io.lightningdb.spring.data.core.event.BeforeSaveEvent;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.core.mapping.LightningKeySpaceResolver;
import io.lightningdb.spring.data.query.Criteria;
import io.lightningdb.spring.data.query.LightningQuery;
import io.lightningdb.spring.data.query.LightningQueryEngine;
import io.lightningdb.spring.data.support.LightningExceptionTranslator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.util.Assert;

/**
 * The central class of the Spring Data module: stores entities (keyed {@code keyspace:id}, encoded
 * by an {@link EntityCodec}) with their {@code @Indexed} entries, runs queries on indexes or
 * streaming scans, and gives raw key access.
 *
 * <pre>{@code
 * LightningTemplate template = new LightningTemplate(db);
 * Person ann = template.insert(new Person("p1", "Ann", 34));
 * Optional<Person> found = template.findById("p1", Person.class);
 * template.update(PartialUpdate.of(Person.class, "p1").set("age", 35));
 * template.execute(tx -> { template.save(a); template.delete(b); return null; });  // atomic
 * }</pre>
 *
 * <p><b>Transactions.</b> Inside a Spring transaction run by {@code LightningTransactionManager}
 * (or inside {@link #execute(LightningCallback)}) every operation joins the thread's engine
 * transaction: reads see its snapshot and its own writes, writes commit with it. Outside one, each
 * write method runs in its own engine transaction, retried on conflict, so a single call (even
 * {@link #saveAll(Iterable)} of many entities) is atomic, and each read sees a consistent view.
 *
 * <p><b>Errors.</b> Everything thrown is a {@link DataAccessException} (see {@link
 * LightningExceptionTranslator}), except {@link IllegalArgumentException} for null arguments.
 * Thread-safe.
 */
public class LightningTemplate implements ApplicationEventPublisherAware {
    private final LightningDb db;
    private final EntityCodec codec;
    private final KeyValueMappingContext<?, ?> mappingContext;
    private final Map<Class<?>, EntityMetadata<?>> metadata = new ConcurrentHashMap<>();
    private final LightningQueryEngine queryEngine = new LightningQueryEngine();
    private final EntityWriter writer;
    private final EngineAccess engine;
    private ApplicationEventPublisher publisher;

    /** A template storing entities as JSON. */
    public LightningTemplate(LightningDb db) {
        this(db, new JsonEntityCodec());
    }

    /** A template storing entities with {@code codec}. */
    public LightningTemplate(LightningDb db, EntityCodec codec) {
        this.db = Objects.requireNonNull(db, "db");
        this.codec = Objects.requireNonNull(codec, "codec");
        KeyValueMappingContext<?, ?> context = new KeyValueMappingContext<>();
        context.setKeySpaceResolver(LightningKeySpaceResolver.INSTANCE);
        this.mappingContext = context;
        this.writer = new EntityWriter(codec, this::decode);
        this.engine = new EngineAccess(db);
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** The database. */
    public LightningDb getDatabase() {
        return db;
    }

    /** The codec of stored values. */
    public EntityCodec getCodec() {
        return codec;
    }

    /** The mapping context describing entity types. */
    public KeyValueMappingContext<?, ?> getMappingContext() {
        return mappingContext;
    }

    /** Keyspace, id, version, TTL and index metadata of {@code type}. */
    @SuppressWarnings("unchecked")
    public <T> EntityMetadata<T> getEntityMetadata(Class<T> type) {
        Assert.notNull(type, "The type must not be null");
        return (EntityMetadata<T>)
                metadata.computeIfAbsent(type, t -> engine.translate(() -> EntityMetadata.of(t, mappingContext)));
    }

    // ------------------------------------------------------------------------------ writes

    /** Inserts or replaces {@code entity}; generates a String or UUID id when it has none. */
    public <T> T save(T entity) {
        return saveOne(entity, EntityWriter.Mode.UPSERT);
    }

    /** Inserts {@code entity}; fails with {@code DuplicateKeyException} if its id is taken. */
    public <T> T insert(T entity) {
        return saveOne(entity, EntityWriter.Mode.INSERT);
    }

    /** Replaces the stored {@code entity}; fails with {@code IncorrectUpdateSemanticsDataAccessException} if absent. */
    public <T> T update(T entity) {
        return saveOne(entity, EntityWriter.Mode.UPDATE);
    }

    private <T> T saveOne(T entity, EntityWriter.Mode mode) {
        return saveAll(List.of(Objects.requireNonNull(entity, "The entity must not be null")), mode)
                .get(0);
    }

    /** Saves all {@code entities} atomically: if one fails, none is written. */
    public <T> List<T> saveAll(Iterable<T> entities) {
        return saveAll(entities, EntityWriter.Mode.UPSERT);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> saveAll(Iterable<T> entities, EntityWriter.Mode mode) {
        Assert.notNull(entities, "The entities must not be null");
        List<T> prepared = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (T entity : entities) {
            Assert.notNull(entity, "The entities must not contain null");
            EntityMetadata<T> meta = getEntityMetadata((Class<T>) entity.getClass());
            T withId = meta.getId(entity) == null ? meta.setId(entity, generateId(meta)) : entity;
            prepared.add(withId);
            versions.add(meta.hasVersion() ? meta.getVersion(withId) : null);
            publish(new BeforeSaveEvent<>(meta.getKeyspace(), meta.getId(withId), withId, meta.getType()));
        }
        List<T> saved = engine.write(tx -> {
            List<T> result = new ArrayList<>(prepared.size());
            for (int i = 0; i < prepared.size(); i++) {
                T entity = prepared.get(i);
                EntityMetadata<T> meta = getEntityMetadata((Class<T>) entity.getClass());
                result.add(writer.save(tx, meta, entity, versions.get(i), mode));
            }
            return result;
        });
        for (T entity : saved) {
            EntityMetadata<T> meta = getEntityMetadata((Class<T>) entity.getClass());
            publish(new AfterSaveEvent<>(meta.getKeyspace(), meta.getId(entity), entity, meta.getType()));
        }
        return saved;
    }

    private static Object generateId(EntityMetadata<?> meta) {
        Class<?> idType = meta.getIdType();
        if (idType == String.class) {
            return UUID.randomUUID().toString();
        }
        if (idType == UUID.class) {
            return UUID.randomUUID();
        }
        throw new InvalidDataAccessApiUsageException(
                "Cannot save " + meta.getType().getSimpleName() + " without an id: ids of type "
                        + idType.getSimpleName() + " are not generated; set one");
    }

    /**
     * Applies a partial update atomically and returns the updated entity.
     *
     * @throws EmptyResultDataAccessException if no such entity is stored
     */
    public <T> T update(PartialUpdate<T> update) {
        Assert.notNull(update, "The update must not be null");
        EntityMetadata<T> meta = getEntityMetadata(update.getType());
        AtomicBoolean announced = new AtomicBoolean(); // a conflict re-runs the work: announce once
        T result = engine.write(tx -> {
            byte[] stored = tx.get(KeyCodec.entityKey(meta.getKeyspace(), KeyCodec.encodeId(update.getId())));
            if (stored == null) {
                throw new EmptyResultDataAccessException(
                        "No " + meta.getType().getSimpleName() + " with id " + update.getId(), 1);
            }
            T entity = decode(stored, meta.getType());
            for (Map.Entry<String, Object> e : update.getValues().entrySet()) {
                entity = meta.setProperty(entity, e.getKey(), e.getValue());
            }
            if (announced.compareAndSet(false, true)) {
                publish(new BeforeSaveEvent<>(meta.getKeyspace(), update.getId(), entity, meta.getType()));
            }
            Long version = meta.hasVersion() ? meta.getVersion(entity) : null;
            return writer.save(tx, meta, entity, version, EntityWriter.Mode.UPDATE);
        });
        publish(new AfterSaveEvent<>(meta.getKeyspace(), update.getId(), result, meta.getType()));
        return result;
    }

    /**
     * Deletes {@code entity}. A versioned entity is deleted only if the stored version matches,
     * else {@code OptimisticLockingFailureException}.
     *
     * @return whether it was stored
     */
    public boolean delete(Object entity) {
        Assert.notNull(entity, "The entity must not be null");
        return deleteAll(List.of(entity)) == 1;
    }

    /** Deletes the {@code type} entity with {@code id}; returns whether it was stored. */
    public boolean deleteById(Object id, Class<?> type) {
        return deleteAllById(List.of(requireId(id)), type) == 1;
    }

    /** Deletes all {@code entities} atomically (versions checked); returns how many were stored. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public long deleteAll(Iterable<?> entities) {
        Assert.notNull(entities, "The entities must not be null");
        List<Object> list = new ArrayList<>();
        entities.forEach(e -> list.add(Objects.requireNonNull(e, "The entities must not contain null")));
        for (Object e : list) {
            EntityMetadata meta = getEntityMetadata(e.getClass());
            publish(new BeforeDeleteEvent(meta.getKeyspace(), meta.getId(e), e, meta.getType()));
        }
        List<Object> deleted = engine.write(tx -> {
            List<Object> result = new ArrayList<>();
            for (Object e : list) {
                EntityMetadata meta = getEntityMetadata(e.getClass());
                Object id = requireId(meta.getId(e));
                Object old = writer.delete(tx, meta, id, true, meta.hasVersion() ? meta.getVersion(e) : null);
                if (old != null) {
                    result.add(old);
                }
            }
            return result;
        });
        publishDeleted(deleted);
        return deleted.size();
    }

    /** Deletes the {@code type} entities with {@code ids} atomically; returns how many were stored. */
    public <T> long deleteAllById(Iterable<?> ids, Class<T> type) {
        Assert.notNull(ids, "The ids must not be null");
        EntityMetadata<T> meta = getEntityMetadata(type);
        List<Object> idList = new ArrayList<>();
        ids.forEach(id -> idList.add(requireId(id)));
        for (Object id : idList) {
            publish(new BeforeDeleteEvent<>(meta.getKeyspace(), id, null, type));
        }
        List<Object> deleted = engine.write(tx -> {
            List<Object> result = new ArrayList<>();
            for (Object id : idList) {
                T old = writer.delete(tx, meta, id, false, null);
                if (old != null) {
                    result.add(old);
                }
            }
            return result;
        });
        publishDeleted(deleted);
        return deleted.size();
    }

    /** Deletes every entity of {@code type} with its index entries, atomically; returns how many. */
    public <T> long deleteAll(Class<T> type) {
        return deleteAll(findAll(type));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void publishDeleted(List<Object> deleted) {
        for (Object e : deleted) {
            EntityMetadata meta = getEntityMetadata(e.getClass());
            publish(new AfterDeleteEvent(meta.getKeyspace(), meta.getId(e), e, meta.getType()));
        }
    }

    // ------------------------------------------------------------------------------ reads

    /** The {@code type} entity with {@code id}, if stored. */
    public <T> Optional<T> findById(Object id, Class<T> type) {
        EntityMetadata<T> meta = getEntityMetadata(type);
        byte[] key = KeyCodec.entityKey(meta.getKeyspace(), KeyCodec.encodeId(requireId(id)));
        byte[] value = engine.translate(() -> engine.reads().get(key));
        return Optional.ofNullable(value == null ? null : decode(value, type));
    }

    /** Whether a {@code type} entity with {@code id} is stored. */
    public boolean existsById(Object id, Class<?> type) {
        EntityMetadata<?> meta = getEntityMetadata(type);
        byte[] key = KeyCodec.entityKey(meta.getKeyspace(), KeyCodec.encodeId(requireId(id)));
        return engine.translate(() -> engine.reads().exists(key));
    }

    /** The stored {@code type} entities among {@code ids}, in the order of {@code ids}, read at one point in time. */
    public <T> List<T> findAllById(Iterable<?> ids, Class<T> type) {
        Assert.notNull(ids, "The ids must not be null");
        EntityMetadata<T> meta = getEntityMetadata(type);
        List<byte[]> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(KeyCodec.entityKey(meta.getKeyspace(), KeyCodec.encodeId(requireId(id)))));
        List<byte[]> values = engine.translate(() -> engine.reads().getBatch(keys));
        List<T> result = new ArrayList<>();
        for (byte[] v : values) {
            if (v != null) {
                result.add(decode(v, type));
            }
        }
        return result;
    }

    /** Every {@code type} entity in id order. */
    public <T> List<T> findAll(Class<T> type) {
        return find(LightningQuery.of(Criteria.all()), type);
    }

    /** Every {@code type} entity ordered by {@code sort} (ties in id order). */
    public <T> List<T> findAll(Class<T> type, Sort sort) {
        return find(LightningQuery.of(Criteria.all()).sorted(sort), type);
    }

    /** The results of {@code query}. */
    public <T> List<T> find(LightningQuery query, Class<T> type) {
        EntityMetadata<T> meta = getEntityMetadata(type);
        return engine.translate(() -> queryEngine.list(engine.reads(), meta, query, v -> decode(v, type)));
    }

    /** The results of {@code query} as a lazy stream; close it (try-with-resources) when done. */
    public <T> Stream<T> stream(LightningQuery query, Class<T> type) {
        EntityMetadata<T> meta = getEntityMetadata(type);
        return engine.translating(
                engine.translate(() -> queryEngine.stream(engine.reads(), meta, query, v -> decode(v, type))));
    }

    /** How many {@code type} entities match {@code criteria}. */
    public long count(Criteria criteria, Class<?> type) {
        return countOf(criteria, type);
    }

    private <T> long countOf(Criteria criteria, Class<T> type) {
        EntityMetadata<T> meta = getEntityMetadata(type);
        return engine.translate(() -> queryEngine.count(engine.reads(), meta, criteria, v -> decode(v, type)));
    }

    /** How many {@code type} entities are stored. */
    public long count(Class<?> type) {
        return count(Criteria.all(), type);
    }

    /** Whether some {@code type} entity matches {@code criteria}. */
    public boolean exists(Criteria criteria, Class<?> type) {
        try (Stream<?> s = stream(LightningQuery.of(criteria).limit(1), type)) {
            return s.findAny().isPresent();
        }
    }

    // ------------------------------------------------------------------------------ raw access

    /** The raw value under {@code key}, or null. */
    public byte[] get(byte[] key) {
        return engine.translate(() -> engine.reads().get(key));
    }

    /** Stores a raw value (joining the current transaction, if any). */
    public void put(byte[] key, byte[] value) {
        engine.write(tx -> {
            tx.put(key, value);
            return null;
        });
    }

    /** Stores a raw value that expires after {@code ttl}. */
    public void put(byte[] key, byte[] value, Duration ttl) {
        engine.write(tx -> {
            tx.put(key, value, ttl);
            return null;
        });
    }

    /** Removes a raw key. */
    public void remove(byte[] key) {
        engine.write(tx -> {
            tx.delete(key);
            return null;
        });
    }

    /** The raw entries whose key starts with {@code prefix}, in key order; close the stream. */
    public Stream<RawEntry> scanPrefix(byte[] prefix) {
        Assert.notNull(prefix, "The prefix must not be null");
        KvIterator it = engine.translate(() -> engine.reads().scan(KeyRange.prefix(prefix)));
        Spliterator<RawEntry> entries = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super RawEntry> action) {
                if (!it.next()) {
                    return false;
                }
                action.accept(new RawEntry(it.key(), it.value()));
                return true;
            }
        };
        return engine.translating(StreamSupport.stream(entries, false).onClose(it::close));
    }

    // ------------------------------------------------------------------------------ transactions

    /**
     * Runs {@code callback} in the current transaction, or in a new engine transaction committed
     * when it returns (rolled back if it throws). Template and repository calls made by the
     * callback join that transaction, so a callback is an atomic batch. A conflicting commit throws
     * {@code OptimisticLockingFailureException}; the callback is not retried.
     */
    public <R> R execute(LightningCallback<R> callback) {
        Assert.notNull(callback, "The callback must not be null");
        return engine.execute(callback);
    }

    private <T> T decode(byte[] value, Class<T> type) {
        try {
            return codec.decode(value, type);
        } catch (RuntimeException e) {
            throw new DataRetrievalFailureException(
                    "Cannot decode a stored " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static Object requireId(Object id) {
        Assert.notNull(id, "The id must not be null");
        return id;
    }

    private void publish(ApplicationEvent event) {
        if (publisher != null) {
            publisher.publishEvent(event);
        }
    }
}
