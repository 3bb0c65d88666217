package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The index search against a plain binary search over the same keys, for key sets built to stress
 * the shared-prefix probes: long shared prefixes, keys shorter than the probe, zero bytes that
 * look like padding, keys differing only past the probe or only in the sequence number, and
 * targets before, inside and after the shared prefix.
 */
class IndexKeysTest {

    @Test
    void findsWhatAPlainBinarySearchFinds() {
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 2_000; round++) {
            byte[] prefix = randomBytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(12), 3);
            List<byte[]> keys = sortedKeys(random, prefix, 1 + random.nextInt(40));
            IndexKeys index = new IndexKeys(keys.toArray(byte[][]::new));
            for (int t = 0; t < 50; t++) {
                byte[] target = randomTarget(random, prefix, keys);
                assertThat(index.findFirstAtOrAfter(target))
                        .as("round %d", round)
                        .isEqualTo(plainSearch(keys, target));
            }
        }
    }

    @Test
    void emptyIndexFindsNothing() {
        assertThat(new IndexKeys(new byte[0][]).findFirstAtOrAfter(InternalKey.seekKey(new byte[] {1}, 5)))
                .isZero();
    }

    private static List<byte[]> sortedKeys(SplittableRandom random, byte[] prefix, int count) {
        TreeSet<byte[]> set = new TreeSet<>(InternalKey::compare);
        while (set.size() < count) {
            byte[] user = concat(prefix, randomBytes(random, random.nextInt(14), 3));
            set.add(InternalKey.encode(user, random.nextLong(1, 1_000), ValueType.VALUE));
            if (random.nextInt(5) == 0) { // the same user key at another sequence
                set.add(InternalKey.encode(user, random.nextLong(1, 1_000), ValueType.VALUE));
            }
        }
        return new ArrayList<>(set);
    }

    private static byte[] randomTarget(SplittableRandom random, byte[] prefix, List<byte[]> keys) {
        byte[] user = switch (random.nextInt(4)) {
            case 0 -> InternalKey.userKey(keys.get(random.nextInt(keys.size()))); // an existing key
            case 1 -> randomBytes(random, random.nextInt(prefix.length + 3), 3); // anywhere, often outside
            case 2 -> java.util.Arrays.copyOf(prefix, random.nextInt(prefix.length + 1)); // a prefix of the prefix
            default -> concat(prefix, randomBytes(random, random.nextInt(14), 3));
        };
        long sequence = random.nextInt(3) == 0 ? InternalKey.MAX_SEQUENCE : random.nextLong(1, 1_000);
        return InternalKey.seekKey(user, sequence);
    }

    private static int plainSearch(List<byte[]> keys, byte[] target) {
        int i = 0;
        while (i < keys.size() && InternalKey.compare(keys.get(i), target) < 0) {
            i++;
        }
        return i;
    }

    /** Bytes from a tiny alphabet (0, 1, ..., alphabet-1) so keys collide, tie and contain zeros. */
    private static byte[] randomBytes(SplittableRandom random, int length, int alphabet) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (random.nextInt(8) == 0 ? 0xFF : random.nextInt(alphabet));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
