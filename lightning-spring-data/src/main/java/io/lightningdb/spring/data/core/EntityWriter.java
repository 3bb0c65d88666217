package io.lightningdb.spring.data.core;

import io.lightningdb.Transaction;
import io.lightningdb.spring.data.convert.EntityCodec;
import io.lightningdb.spring.data.core.mapping.EntityMetadata;
import io.lightningdb.spring.data.index.IndexValueEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Writes and deletes entities inside an engine transaction together with their index entries, and
 * checks {@code @Version}. The old value is read in the same transaction, so its index entries are
 * removed exactly, and a concurrent change of the entity makes the commit conflict instead of
 * leaving a stale index entry.
 */
final class EntityWriter {
    /** What a save expects to find. */
    enum Mode {
        UPSERT,
        INSERT,
        UPDATE
    }

    private final EntityCodec codec;
    private final BiFunction<byte[], Class<?>, Object> decoder;

    EntityWriter(EntityCodec codec, BiFunction<byte[], Class<?>, Object> decoder) {
        this.codec = codec;
        this.decoder = decoder;
    }

    /**
     * Writes {@code entity} (whose id is set) expecting the stored version {@code expected}, and
     * returns the entity carrying its new version.
     */
    <T> T save(Transaction tx, EntityMetadata<T> meta, T entity, Long expected, Mode mode) {
        Object id = meta.getId(entity);
        byte[] idBytes = KeyCodec.encodeId(id);
        byte[] key = KeyCodec.entityKey(meta.getKeyspace(), idBytes);
        byte[] oldBytes = tx.get(key);
        if (mode == Mode.INSERT && oldBytes != null) {
            throw new DuplicateKeyException(
                    "An entity " + meta.getType().getSimpleName() + " with id " + id + " exists");
        }
        if (mode == Mode.UPDATE && oldBytes == null) {
            throw new IncorrectUpdateSemanticsDataAccessException(
                    "No entity " + meta.getType().getSimpleName() + " with id " + id + " to update");
        }
        T old = oldBytes == null ? null : meta.getType().cast(decoder.apply(oldBytes, meta.getType()));
        T toWrite = entity;
        if (meta.hasVersion()) {
            checkVersion(meta, id, old, expected);
            toWrite = meta.setVersion(entity, expected == null ? meta.initialVersion() : expected + 1);
        }
        byte[] value = encode(toWrite);
        Duration ttl = meta.getTimeToLive(toWrite);
        if (old != null) {
            for (byte[] indexKey : indexKeys(meta, old, idBytes)) {
                tx.delete(indexKey);
            }
        }
        for (byte[] indexKey : indexKeys(meta, toWrite, idBytes)) {
            put(tx, indexKey, idBytes, ttl);
        }
        put(tx, key, value, ttl);
        return toWrite;
    }

    /**
     * Deletes the entity with {@code id} and its index entries; returns the deleted entity or null.
     * With {@code checkVersion} the stored version must equal {@code expected}.
     */
    <T> T delete(Transaction tx, EntityMetadata<T> meta, Object id, boolean checkVersion, Long expected) {
        byte[] idBytes = KeyCodec.encodeId(id);
        byte[] key = KeyCodec.entityKey(meta.getKeyspace(), idBytes);
        byte[] oldBytes = tx.get(key);
        T old = oldBytes == null ? null : meta.getType().cast(decoder.apply(oldBytes, meta.getType()));
        if (checkVersion && meta.hasVersion()) {
            if (old == null && expected != null) {
                throw new OptimisticLockingFailureException(
                        "Cannot delete " + meta.getType().getSimpleName() + " with id " + id + " and version "
                                + expected + ": it no longer exists");
            }
            if (old != null) {
                checkVersion(meta, id, old, expected);
            }
        }
        if (old == null) {
            return null;
        }
        for (byte[] indexKey : indexKeys(meta, old, idBytes)) {
            tx.delete(indexKey);
        }
        tx.delete(key);
        return old;
    }

    private static <T> void checkVersion(EntityMetadata<T> meta, Object id, T stored, Long expected) {
        Long actual = stored == null ? null : meta.getVersion(stored);
        if (!Objects.equals(actual, expected)) {
            throw new OptimisticLockingFailureException("Version mismatch for "
                    + meta.getType().getSimpleName()
                    + " with id " + id + ": expected " + (expected == null ? "a new entity" : "version " + expected)
                    + " but the store holds " + (actual == null ? "none" : "version " + actual));
        }
    }

    /** The index entry keys of {@code entity}: one per indexed property. */
    static <T> List<byte[]> indexKeys(EntityMetadata<T> meta, T entity, byte[] idBytes) {
        List<byte[]> keys = new ArrayList<>(meta.getIndexedPaths().size());
        for (String path : meta.getIndexedPaths()) {
            byte[] prefix = KeyCodec.indexPrefix(meta.getKeyspace(), path);
            keys.add(KeyCodec.concat(prefix, IndexValueEncoder.encode(meta.read(entity, path)), idBytes));
        }
        return keys;
    }

    byte[] encode(Object entity) {
        try {
            return codec.encode(entity);
        } catch (RuntimeException e) {
            throw new InvalidDataAccessApiUsageException(
                    "Cannot encode entity of type " + entity.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private static void put(Transaction tx, byte[] key, byte[] value, Duration ttl) {
        if (ttl == null) {
            tx.put(key, value);
        } else {
            tx.put(key, value, ttl);
        }
    }
}
