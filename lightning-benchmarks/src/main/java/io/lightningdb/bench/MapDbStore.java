package io.lightningdb.bench;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * MapDB 3: a file-backed BTreeMap with its write-ahead log, committed after every write. Without
 * transactions MapDB has neither atomic batches nor crash safety, so it runs with them even though
 * each commit fsyncs.
 */
final class MapDbStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "mapdb",
            MapDbStore::new,
            "transactionEnable() and commit() after every write; MapDB's commit always fsyncs, so this is"
                    + " stronger (and slower) than the others' OS durability",
            "transactionEnable() and commit() after every write (commit fsyncs)");

    private final DB db;
    private final BTreeMap<byte[], byte[]> map;

    MapDbStore(Path dir, Durability durability) {
        db = DBMaker.fileDB(dir.resolve("store.db").toFile())
                .transactionEnable()
                .make();
        map = db.treeMap("bench", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
        db.commit();
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
        db.commit();
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        db.commit();
    }

    @Override
    public long scan(byte[] from, int limit) {
        ConcurrentNavigableMap<byte[], byte[]> tail = from == null ? map : map.tailMap(from, true);
        Iterator<Map.Entry<byte[], byte[]>> it = tail.entrySet().iterator();
        long bytes = 0;
        for (int n = 0; n < limit && it.hasNext(); n++) {
            Map.Entry<byte[], byte[]> entry = it.next();
            bytes += entry.getKey().length + entry.getValue().length;
        }
        return bytes;
    }

    @Override
    public void sync() {
        db.commit();
    }

    @Override
    public void close() {
        db.close();
    }
}
