package io.lightningdb.bench;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import java.nio.file.Path;

/** Lightning through its public API. */
final class LightningStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "lightning",
            LightningStore::new,
            "WalSyncMode.NORMAL: each write is in the OS page cache before it returns (copied into the memory-mapped"
                    + " log; the log is also fsynced every 100 ms)",
            "WalSyncMode.SYNC: each write returns after its WAL record is durable (one O_DIRECT, O_DSYNC write, or"
                    + " write() and fsync where the file system refuses direct I/O; concurrent writers share one)");

    private final LightningDb db;

    LightningStore(Path dir, Durability durability) {
        LightningConfig config = LightningConfig.builder()
                .cacheSize(Budget.CACHE_BYTES)
                .writeBufferSize(Budget.WRITE_BUFFER_BYTES)
                .walSyncMode(durability == Durability.OS ? WalSyncMode.NORMAL : WalSyncMode.SYNC)
                .build();
        db = LightningDb.open(dir, config);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key) {
        db.delete(key);
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < keys.length; i++) {
            batch.put(keys[i], values[i]);
        }
        db.write(batch);
    }

    @Override
    public long scan(byte[] from, int limit) {
        long bytes = 0;
        try (KvIterator it = db.scan(from == null ? KeyRange.all() : KeyRange.atLeast(from))) {
            for (int n = 0; n < limit && it.next(); n++) {
                bytes += it.key().length + it.value().length;
            }
        }
        return bytes;
    }

    @Override
    public void sync() {
        db.flush();
    }

    @Override
    public void close() {
        db.close();
    }
}
