package io.lightningdb.bench;

import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** RocksDB through rocksdbjni, with the same cache, write buffer and bloom filter as Lightning. */
final class RocksDbStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "rocksdb",
            RocksDbStore::new,
            "WriteOptions.sync=false: each write's WAL record goes to the OS before it returns",
            "WriteOptions.sync=true: each write returns after its WAL record is fsynced (group commit)");

    static {
        RocksDB.loadLibrary();
    }

    private final LRUCache cache = new LRUCache(Budget.CACHE_BYTES);
    private final BloomFilter bloom = new BloomFilter(10);
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksDbStore(Path dir, Durability durability) throws Exception {
        options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(Budget.WRITE_BUFFER_BYTES)
                .setTableFormatConfig(
                        new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom));
        writeOptions = new WriteOptions().setSync(durability == Durability.FSYNC);
        db = RocksDB.open(options, dir.toString());
    }

    @Override
    public void put(byte[] key, byte[] value) throws Exception {
        db.put(writeOptions, key, value);
    }

    @Override
    public byte[] get(byte[] key) throws Exception {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key) throws Exception {
        db.delete(writeOptions, key);
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) throws Exception {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < keys.length; i++) {
                batch.put(keys[i], values[i]);
            }
            db.write(writeOptions, batch);
        }
    }

    @Override
    public long scan(byte[] from, int limit) {
        long bytes = 0;
        try (RocksIterator it = db.newIterator()) {
            if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(from);
            }
            for (int n = 0; n < limit && it.isValid(); n++, it.next()) {
                bytes += it.key().length + it.value().length;
            }
        }
        return bytes;
    }

    @Override
    public void sync() throws Exception {
        try (var flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        }
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        bloom.close();
        cache.close();
    }
}
