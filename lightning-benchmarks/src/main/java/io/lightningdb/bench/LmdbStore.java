package io.lightningdb.bench;

import java.nio.file.Path;
import java.util.Iterator;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/** LMDB through lmdbjava (byte-array buffers). It relies on the OS page cache, so it has no cache of its own. */
final class LmdbStore implements Store {
    static final StoreKind KIND = new StoreKind(
            "lmdb",
            LmdbStore::new,
            "MDB_NOSYNC: each write transaction commits to the OS (pwrite) before it returns, no fsync",
            "default flags: each write transaction fsyncs on commit (writers are serialised, no group commit)");

    /** Upper bound of the memory map; the file grows only as pages are used. */
    private static final long MAP_SIZE = 32L << 30;

    private final Env<byte[]> env;
    private final Dbi<byte[]> dbi;

    LmdbStore(Path dir, Durability durability) {
        // MDB_NOTLS: read transactions are not tied to a thread, as the workloads' thread pools need.
        EnvFlags[] flags = durability == Durability.OS
                ? new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS};
        env = Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(MAP_SIZE)
                .setMaxDbs(1)
                .open(dir.toFile(), flags);
        dbi = env.openDbi("bench", DbiFlags.MDB_CREATE);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        dbi.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        try (Txn<byte[]> txn = env.txnRead()) {
            return dbi.get(txn, key);
        }
    }

    @Override
    public void delete(byte[] key) {
        dbi.delete(key);
    }

    @Override
    public void batch(byte[][] keys, byte[][] values) {
        try (Txn<byte[]> txn = env.txnWrite()) {
            for (int i = 0; i < keys.length; i++) {
                dbi.put(txn, keys[i], values[i]);
            }
            txn.commit();
        }
    }

    @Override
    public long scan(byte[] from, int limit) {
        long bytes = 0;
        try (Txn<byte[]> txn = env.txnRead();
                CursorIterable<byte[]> range =
                        dbi.iterate(txn, from == null ? KeyRange.all() : KeyRange.atLeast(from))) {
            Iterator<CursorIterable.KeyVal<byte[]>> it = range.iterator();
            for (int n = 0; n < limit && it.hasNext(); n++) {
                CursorIterable.KeyVal<byte[]> entry = it.next();
                bytes += entry.key().length + entry.val().length;
            }
        }
        return bytes;
    }

    @Override
    public void sync() {
        env.sync(true);
    }

    @Override
    public void close() {
        dbi.close();
        env.close();
    }
}
