package io.lightningdb.bench;

import java.nio.file.Path;
import java.util.Arrays;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.StoreConfig;

/** JetBrains Xodus environment: one store, one transaction per write. */
final class XodusStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "xodus",
            XodusStore::new,
            "logDurableWrite=false: each transaction's log is written to the OS on commit, no fsync",
            "logDurableWrite=true: each transaction commit fsyncs the log");

    private final Environment env;
    private final jetbrains.exodus.env.Store store;

    XodusStore(Path dir, Durability durability) {
        EnvironmentConfig config = new EnvironmentConfig()
                .setLogDurableWrite(durability == Durability.FSYNC)
                .setMemoryUsage(Budget.CACHE_BYTES);
        env = Environments.newInstance(dir.toFile(), config);
        store = env.computeInTransaction(txn -> env.openStore("bench", StoreConfig.WITHOUT_DUPLICATES, txn));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        env.executeInTransaction(txn -> store.put(txn, new ArrayByteIterable(key), new ArrayByteIterable(value)));
    }

    @Override
    public byte[] get(byte[] key) {
        return env.computeInReadonlyTransaction(txn -> bytes(store.get(txn, new ArrayByteIterable(key))));
    }

    @Override
    public void delete(byte[] key) {
        env.executeInTransaction(txn -> store.delete(txn, new ArrayByteIterable(key)));
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        env.executeInTransaction(txn -> {
            for (int i = 0; i < keys.length; i++) {
                store.put(txn, new ArrayByteIterable(keys[i]), new ArrayByteIterable(values[i]));
            }
        });
    }

    @Override
    public long scan(byte[] from, int limit) {
        return env.computeInReadonlyTransaction(txn -> {
            long bytes = 0;
            try (Cursor cursor = store.openCursor(txn)) {
                boolean positioned =
                        from == null ? cursor.getNext() : cursor.getSearchKeyRange(new ArrayByteIterable(from)) != null;
                for (int n = 0; positioned && n < limit; n++) {
                    bytes += cursor.getKey().getLength() + cursor.getValue().getLength();
                    positioned = cursor.getNext();
                }
            }
            return bytes;
        });
    }

    private static byte[] bytes(ByteIterable b) {
        return b == null ? null : Arrays.copyOf(b.getBytesUnsafe(), b.getLength());
    }

    @Override
    public void sync() {
        // The public Environment interface has no sync; the implementation does.
        ((EnvironmentImpl) env).flushAndSync();
    }

    @Override
    public void close() {
        env.close();
    }
}
