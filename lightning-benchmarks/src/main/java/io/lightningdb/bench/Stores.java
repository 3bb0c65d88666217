package io.lightningdb.bench;

import java.util.List;
import java.util.NoSuchElementException;

/** Every store the harness knows, Lightning first. */
final class Stores {
    static final List<StoreKind> ALL = List.of(
            LightningStore.KIND,
            RocksDbStore.KIND,
            LmdbStore.KIND,
            MvStoreStore.KIND,
            XodusStore.KIND,
            MapDbStore.KIND,
            LevelDbStore.KIND,
            JeStore.KIND);

    private Stores() {}

    static StoreKind named(String name) {
        return ALL.stream()
                .filter(k -> k.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("unknown store " + name));
    }
}
