package io.lightningdb.bench;

import java.nio.file.Path;

/**
 * One benchmarked store: its name, how it opens, and how each {@link Durability} is obtained in
 * it, stated in words for the report.
 *
 * @param name short name used in file names, tables and on the command line
 * @param opener opens (creating if absent) a store in a directory for a durability
 * @param osDurability how {@link Durability#OS} is configured
 * @param fsyncDurability how {@link Durability#FSYNC} is configured
 */
public record StoreKind(String name, Opener opener, String osDurability, String fsyncDurability) {

    /** Opens a store; adapters' constructors fit this shape. */
    @FunctionalInterface
    public interface Opener {
        Store open(Path directory, Durability durability) throws Exception;
    }

    /** Opens (creating if absent) a store in {@code directory} configured for {@code durability}. */
    public Store open(Path directory, Durability durability) throws Exception {
        return opener.open(directory, durability);
    }

    /** How {@code durability} is obtained in this store, in one sentence. */
    public String describe(Durability durability) {
        return durability == Durability.OS ? osDurability : fsyncDurability;
    }
}
