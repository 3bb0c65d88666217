package io.lightningdb.internal.sstable;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Internal keys built to stress searches that compare probes of a few key bytes after a shared
 * prefix: long shared prefixes, keys shorter than a probe, zero bytes that look like padding, keys
 * differing only past the probe or only in the sequence number, sequence numbers whose bytes
 * continue a shorter key the way a longer key does; and targets before, inside and after the
 * shared prefix.
 */
final class StressKeys {
    private StressKeys() {}

    /** A shared prefix: none one time in four, else up to 11 bytes. */
    static byte[] prefix(SplittableRandom random) {
        return bytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(12));
    }

    /** {@code count} distinct internal keys under the prefix, sorted; some user keys at two sequences. */
    static List<byte[]> sorted(SplittableRandom random, byte[] prefix, int count) {
        TreeSet<byte[]> set = new TreeSet<>(InternalKey::compare);
        while (set.size() < count) {
            byte[] user = concat(prefix, bytes(random, random.nextInt(14)));
            set.add(InternalKey.encode(user, sequence(random), ValueType.VALUE));
            if (random.nextInt(5) == 0) { // the same user key at another sequence
                set.add(InternalKey.encode(user, sequence(random), ValueType.VALUE));
            }
        }
        return new ArrayList<>(set);
    }

    /**
     * Mostly a small sequence number; one time in four, seven bytes of the keys' alphabet, so the
     * sequence number's bytes can match the next bytes of a longer key.
     */
    private static long sequence(SplittableRandom random) {
        if (random.nextInt(4) != 0) {
            return random.nextLong(1, 1_000);
        }
        long sequence = 0;
        for (byte b : bytes(random, 7)) {
            sequence = sequence << 8 | (b & 0xFF);
        }
        return Math.max(1, sequence);
    }

    /** A seek target: an existing key, anywhere, a prefix of the prefix, or under the prefix. */
    static byte[] target(SplittableRandom random, byte[] prefix, List<byte[]> keys) {
        byte[] user = switch (random.nextInt(4)) {
            case 0 -> InternalKey.userKey(keys.get(random.nextInt(keys.size()))); // an existing key
            case 1 -> bytes(random, random.nextInt(prefix.length + 3)); // anywhere, often outside
            case 2 -> Arrays.copyOf(prefix, random.nextInt(prefix.length + 1)); // a prefix of the prefix
            default -> concat(prefix, bytes(random, random.nextInt(14)));
        };
        long sequence = random.nextInt(3) == 0 ? InternalKey.MAX_SEQUENCE : random.nextLong(1, 1_000);
        return InternalKey.seekKey(user, sequence);
    }

    /** Index of the first key {@code >=} the target, or the key count: a plain walk. */
    static int firstAtOrAfter(List<byte[]> keys, byte[] target) {
        int i = 0;
        while (i < keys.size() && InternalKey.compare(keys.get(i), target) < 0) {
            i++;
        }
        return i;
    }

    /** Bytes from a tiny alphabet (0, 1, 2 and 0xFF) so keys collide, tie and contain zeros. */
    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (random.nextInt(8) == 0 ? 0xFF : random.nextInt(3));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
