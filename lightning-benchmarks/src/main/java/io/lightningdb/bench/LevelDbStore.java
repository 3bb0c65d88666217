package io.lightningdb.bench;

import java.nio.file.Path;
import java.util.Map;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/** The pure-Java LevelDB port (iq80). Version 0.12 has no bloom filters. */
final class LevelDbStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "leveldb",
            LevelDbStore::new,
            "WriteOptions.sync(false): each write's log record goes to the OS (memory-mapped log) before it returns",
            "WriteOptions.sync(true): each write returns after its log record is fsynced");

    private final DB db;
    private final WriteOptions writeOptions;

    LevelDbStore(Path dir, Durability durability) throws Exception {
        Options options = new Options()
                .createIfMissing(true)
                .cacheSize(Budget.CACHE_BYTES)
                .writeBufferSize((int) Budget.WRITE_BUFFER_BYTES);
        db = Iq80DBFactory.factory.open(dir.toFile(), options);
        writeOptions = new WriteOptions().sync(durability == Durability.FSYNC);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value, writeOptions);
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key) {
        db.delete(key, writeOptions);
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) throws Exception {
        try (WriteBatch batch = db.createWriteBatch()) {
            for (int i = 0; i < keys.length; i++) {
                batch.put(keys[i], values[i]);
            }
            db.write(batch, writeOptions);
        }
    }

    @Override
    public long scan(byte[] from, int limit) throws Exception {
        long bytes = 0;
        try (DBIterator it = db.iterator()) {
            if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(from);
            }
            for (int n = 0; n < limit && it.hasNext(); n++) {
                Map.Entry<byte[], byte[]> entry = it.next();
                bytes += entry.getKey().length + entry.getValue().length;
            }
        }
        return bytes;
    }

    @Override
    public void sync() {
        // No flush API; acknowledged writes are already in the log and the OS.
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
