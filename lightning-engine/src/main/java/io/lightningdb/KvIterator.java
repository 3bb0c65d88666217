package io.lightningdb;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the entries of a {@link KeyRange}, seeing the database as it was when the scan
 * began: writes made later are not visible. Holds resources (files are kept alive until it is
 * closed), so always use it in try-with-resources:
 *
 * <pre>{@code
 * try (KvIterator it = db.scan(KeyRange.prefix("user:"))) {
 *     while (it.next()) {
 *         System.out.println(it.keyAsString() + " = " + it.valueAsString());
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public interface KvIterator extends AutoCloseable {
    /**
     * Moves to the next entry in the range's order; false when the range is exhausted.
     *
     * @throws DatabaseClosedException if this iterator or its database is closed
     */
    boolean next();

    /** Key of the current entry. Valid after {@link #next()} returned true. */
    byte[] key();

    /** Value of the current entry. Valid after {@link #next()} returned true. */
    byte[] value();

    /** Key of the current entry decoded as UTF-8. */
    default String keyAsString() {
        return new String(key(), StandardCharsets.UTF_8);
    }

    /** Value of the current entry decoded as UTF-8. */
    default String valueAsString() {
        return new String(value(), StandardCharsets.UTF_8);
    }

    /** Releases the files and memory this iterator pins. Idempotent. */
    @Override
    void close();
}
