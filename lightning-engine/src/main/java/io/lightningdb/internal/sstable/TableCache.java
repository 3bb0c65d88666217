package io.lightningdb.internal.sstable;

import io.lightningdb.internal.crypto.Encryptor;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/** Keeps one open {@link Table} per live table file, opened on first use. */
public final class TableCache implements AutoCloseable {
    private final ConcurrentHashMap<Long, Table> tables = new ConcurrentHashMap<>();
    private final LongFunction<Path> tablePath;
    private final BlockCache blockCache;
    private final Encryptor encryptor;

    public TableCache(LongFunction<Path> tablePath, BlockCache blockCache, Encryptor encryptor) {
        this.tablePath = tablePath;
        this.blockCache = blockCache;
        this.encryptor = encryptor;
    }

    public Table get(long fileNumber) {
        Table t = tables.get(fileNumber);
        return t != null
                ? t
                : tables.computeIfAbsent(fileNumber, n -> Table.open(tablePath.apply(n), n, blockCache, encryptor));
    }

    /** Closes the table of a deleted file and drops its cached blocks. */
    public void evict(long fileNumber) {
        Table t = tables.remove(fileNumber);
        if (t != null) {
            t.close();
        }
        blockCache.evictTable(fileNumber);
    }

    public BlockCache blockCache() {
        return blockCache;
    }

    @Override
    public void close() {
        tables.values().forEach(Table::close);
        tables.clear();
    }
}
