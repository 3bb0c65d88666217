package io.lightningdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The keys a scan visits and the order it visits them in. Keys compare as unsigned bytes.
 *
 * <pre>{@code
 * KeyRange.all();                      // every key, ascending
 * KeyRange.prefix("user:");            // keys starting with "user:"
 * KeyRange.between("a", "m");          // "a" <= key < "m"
 * KeyRange.prefix("user:").reverse();  // the same keys, descending
 * }</pre>
 */
public final class KeyRange {
    private static final KeyRange ALL = new KeyRange(null, null, false);

    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;

    private KeyRange(byte[] start, byte[] end, boolean reverse) {
        this.start = start;
        this.end = end;
        this.reverse = reverse;
    }

    /** Every key, ascending. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys starting with {@code prefix}, ascending. An empty prefix means every key. */
    public static KeyRange prefix(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        byte[] p = prefix.clone();
        return new KeyRange(p.length == 0 ? null : p, successorOfPrefix(p), false);
    }

    /** Keys starting with the UTF-8 bytes of {@code prefix}, ascending. */
    public static KeyRange prefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /** Keys {@code k} with {@code from <= k < to}, ascending. */
    public static KeyRange between(byte[] from, byte[] to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return new KeyRange(from.clone(), to.clone(), false);
    }

    /** Keys {@code k} with {@code from <= k < to} (UTF-8), ascending. */
    public static KeyRange between(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return between(from.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.UTF_8));
    }

    /** Keys {@code k >= from}, ascending. */
    public static KeyRange atLeast(byte[] from) {
        Objects.requireNonNull(from, "from");
        return new KeyRange(from.clone(), null, false);
    }

    /** Keys {@code k < to}, ascending. */
    public static KeyRange lessThan(byte[] to) {
        Objects.requireNonNull(to, "to");
        return new KeyRange(null, to.clone(), false);
    }

    /** The same keys in the opposite order. */
    public KeyRange reverse() {
        return new KeyRange(start, end, !reverse);
    }

    /** Inclusive lower bound, or null when unbounded. A copy. */
    public byte[] start() {
        return start == null ? null : start.clone();
    }

    /** Exclusive upper bound, or null when unbounded. A copy. */
    public byte[] end() {
        return end == null ? null : end.clone();
    }

    /** Whether the scan runs from the largest key down. */
    public boolean isReverse() {
        return reverse;
    }

    /** Whether {@code key} lies inside the bounds. */
    public boolean contains(byte[] key) {
        return (start == null || Arrays.compareUnsigned(key, start) >= 0)
                && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if none. */
    private static byte[] successorOfPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if ((prefix[i] & 0xFF) != 0xFF) {
                byte[] s = Arrays.copyOf(prefix, i + 1);
                s[i]++;
                return s;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r
                && reverse == r.reverse
                && Arrays.equals(start, r.start)
                && Arrays.equals(end, r.end);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(start) + Arrays.hashCode(end)) + Boolean.hashCode(reverse);
    }

    @Override
    public String toString() {
        return "KeyRange[" + show(start) + ", " + show(end) + (reverse ? ") reverse" : ")");
    }

    private static String show(byte[] b) {
        return b == null ? "-" : new String(b, StandardCharsets.UTF_8);
    }
}
