package io.lightningdb.bench;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.CursorConfig;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import com.sleepycat.je.Transaction;
import java.nio.file.Path;

/** Berkeley DB Java Edition: a transactional B-tree, one auto-committed transaction per write. */
final class JeStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "je",
            JeStore::new,
            "Durability.COMMIT_WRITE_NO_SYNC: each commit writes its log to the OS, no fsync",
            "Durability.COMMIT_SYNC: each commit fsyncs its log (concurrent commits share fsyncs)");

    private final Environment env;
    private final Database db;

    JeStore(Path dir, Durability durability) {
        EnvironmentConfig config = new EnvironmentConfig().setAllowCreate(true).setTransactional(true);
        config.setCacheSize(Budget.CACHE_BYTES)
                .setDurability(
                        durability == Durability.OS
                                ? com.sleepycat.je.Durability.COMMIT_WRITE_NO_SYNC
                                : com.sleepycat.je.Durability.COMMIT_SYNC);
        env = new Environment(dir.toFile(), config);
        db = env.openDatabase(
                null, "bench", new DatabaseConfig().setAllowCreate(true).setTransactional(true));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(null, new DatabaseEntry(key), new DatabaseEntry(value));
    }

    @Override
    public byte[] get(byte[] key) {
        DatabaseEntry value = new DatabaseEntry();
        return db.get(null, new DatabaseEntry(key), value, LockMode.DEFAULT) == OperationStatus.SUCCESS
                ? value.getData()
                : null;
    }

    @Override
    public void delete(byte[] key) {
        db.delete(null, new DatabaseEntry(key));
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        Transaction txn = env.beginTransaction(null, null);
        for (int i = 0; i < keys.length; i++) {
            db.put(txn, new DatabaseEntry(keys[i]), new DatabaseEntry(values[i]));
        }
        txn.commit();
    }

    @Override
    public long scan(byte[] from, int limit) {
        DatabaseEntry key = new DatabaseEntry();
        DatabaseEntry value = new DatabaseEntry();
        long bytes = 0;
        int n = 0;
        try (Cursor cursor = db.openCursor(null, CursorConfig.READ_COMMITTED)) {
            OperationStatus status;
            if (from == null) {
                status = cursor.getFirst(key, value, LockMode.DEFAULT);
            } else {
                key.setData(from);
                status = cursor.getSearchKeyRange(key, value, LockMode.DEFAULT);
            }
            while (status == OperationStatus.SUCCESS && n < limit) {
                bytes += key.getSize() + value.getSize();
                n++;
                status = cursor.getNext(key, value, LockMode.DEFAULT);
            }
        }
        return bytes;
    }

    @Override
    public void sync() {
        env.sync();
    }

    @Override
    public void close() {
        db.close();
        env.close();
    }
}
