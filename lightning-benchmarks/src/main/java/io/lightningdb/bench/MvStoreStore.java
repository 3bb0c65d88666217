package io.lightningdb.bench;

import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2 MVStore. It has no write-ahead log: the only way to put a write in the OS is to commit, which
 * writes a new chunk, so this adapter commits after every write.
 */
final class MvStoreStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "mvstore",
            MvStoreStore::new,
            "commit() after every write (MVStore has no log: each commit writes a chunk to the OS), no fsync",
            "commit() then sync() (fsync) after every write");

    private final MVStore store;
    private final MVMap<byte[], byte[]> map;
    private final boolean fsync;

    MvStoreStore(Path dir, Durability durability) {
        store = new MVStore.Builder()
                .fileName(dir.resolve("store.mv").toString())
                .cacheSize((int) (Budget.CACHE_BYTES >> 20))
                .autoCommitDisabled()
                .open();
        map = store.openMap(
                "bench",
                new MVMap.Builder<byte[], byte[]>()
                        .keyType(ByteArrayDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
        fsync = durability == Durability.FSYNC;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
        commit();
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
        commit();
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        // Atomic: nothing reaches the file until the commit, which writes all of it in one chunk.
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        commit();
    }

    private void commit() {
        store.commit();
        if (fsync) {
            store.sync();
        }
    }

    @Override
    public long scan(byte[] from, int limit) {
        long bytes = 0;
        Cursor<byte[], byte[]> cursor = map.cursor(from);
        for (int n = 0; n < limit && cursor.hasNext(); n++) {
            bytes += cursor.next().length + cursor.getValue().length;
        }
        return bytes;
    }

    @Override
    public void sync() {
        store.commit();
        store.sync();
    }

    @Override
    public void close() {
        store.close();
    }
}
