package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.key.InternalKey;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The index search against a plain walk over the same keys, for {@link StressKeys}. */
class IndexKeysTest {

    @Test
    void findsWhatAPlainBinarySearchFinds() {
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 2_000; round++) {
            byte[] prefix = StressKeys.prefix(random);
            List<byte[]> keys = StressKeys.sorted(random, prefix, 1 + random.nextInt(40));
            IndexKeys index = new IndexKeys(keys.toArray(byte[][]::new));
            for (int t = 0; t < 50; t++) {
                byte[] target = StressKeys.target(random, prefix, keys);
                assertThat(index.findFirstAtOrAfter(target))
                        .as("round %d", round)
                        .isEqualTo(StressKeys.firstAtOrAfter(keys, target));
            }
        }
    }

    @Test
    void emptyIndexFindsNothing() {
        assertThat(new IndexKeys(new byte[0][]).findFirstAtOrAfter(InternalKey.seekKey(new byte[] {1}, 5)))
                .isZero();
    }
}
