package io.lightningdb.bench;

/**
 * The few operations every benchmarked store offers, so each workload runs the same code against
 * each of them. Implementations are thread-safe: workloads call them from several threads.
 */
public interface Store extends AutoCloseable {

    /** Stores {@code value} under {@code key}, durable as the store was opened for. */
    void put(byte[] key, byte[] value) throws Exception;

    /** The value under {@code key}, or null. */
    byte[] get(byte[] key) throws Exception;

    /** Removes {@code key}. */
    void delete(byte[] key) throws Exception;

    /** Stores all pairs atomically, durable as one write. */
    void batch(byte[][] keys, byte[][] values) throws Exception;

    /**
     * Visits up to {@code limit} entries in key order, starting at the first key at or after {@code
     * from} (or at the first key when {@code from} is null), and returns the summed lengths of the
     * keys and values it visited, as db_bench's scans do: every entry is read as far as its sizes,
     * through the cheapest way the store offers, and the caller checks the total.
     */
    long scan(byte[] from, int limit) throws Exception;

    /** Makes every write so far durable on disk and moves buffered data into the store's files. */
    void sync() throws Exception;

    @Override
    void close() throws Exception;
}
