package io.lightningdb.internal.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeks in a data block, through its restart points and through its {@link BlockDirectory},
 * against a plain walk over the same keys: {@link StressKeys} (zero bytes also look like the start
 * of a sequence number, which an entry may share with the key before it), at every restart
 * interval from 1 to 16.
 */
class BlockTest {

    @Test
    void seeksThroughTheDirectoryLandWhereAWalkOverTheKeysDoes() {
        SplittableRandom random = new SplittableRandom(29);
        int byDirectory = 0;
        int seeks = 0;
        for (int round = 0; round < 2_000; round++) {
            byte[] prefix = StressKeys.prefix(random);
            List<byte[]> keys = StressKeys.sorted(random, prefix, 1 + random.nextInt(60));
            Block block = build(keys, 1 + random.nextInt(16));
            BlockDirectory directory = block.buildDirectory();
            assertThat(directory.count()).isEqualTo(keys.size());
            for (int t = 0; t < 50; t++) {
                byte[] target = StressKeys.target(random, prefix, keys);
                int expected = StressKeys.firstAtOrAfter(keys, target);
                Block.Cursor restarts = block.cursor();
                restarts.seekByRestarts(target);
                assertLandsOn(restarts, keys, expected, "restarts, round " + round);
                Block.Cursor direct = block.cursor();
                seeks++;
                if (direct.seek(directory, target)) {
                    byDirectory++;
                    assertLandsOn(direct, keys, expected, "directory, round " + round);
                }
            }
        }
        // only entries that share bytes with the key before past its probe go back to the restarts
        assertThat(byDirectory).isGreaterThan(seeks * 9 / 10);
    }

    @Test
    void aBlockGetsItsDirectoryWhenSoughtAgainAndNeverFromAScan() {
        SplittableRandom random = new SplittableRandom(31);
        List<byte[]> keys = StressKeys.sorted(random, new byte[] {7, 7}, 40);
        byte[] contents = contents(keys, 16);
        Block block = new Block(contents);
        Block.Cursor scan = block.cursor();
        int scanned = 0;
        for (scan.seekToFirst(); scan.valid(); scan.next()) {
            scanned++;
        }
        assertThat(scanned).isEqualTo(keys.size());
        assertThat(block.hasDirectory()).isFalse();

        byte[] target = keys.get(17);
        for (int seek = 1; seek <= Block.SEEKS_BEFORE_DIRECTORY; seek++) {
            block.cursor().seek(target);
            assertThat(block.hasDirectory()).isFalse();
        }
        Block.Cursor cursor = block.cursor();
        cursor.seek(target);
        assertThat(block.hasDirectory()).isTrue();
        assertThat(cursor.key()).isEqualTo(target);
        assertThat(block.sizeInBytes())
                .as("the cache is charged for the directory too")
                .isGreaterThanOrEqualTo(contents.length + Long.BYTES * keys.size());
    }

    @Test
    void targetsOutsideTheSharedPrefixLandOnTheFirstEntryOrPastTheLast() {
        List<byte[]> keys = List.of(
                InternalKey.encode(new byte[] {5, 5, 1}, 3, ValueType.VALUE),
                InternalKey.encode(new byte[] {5, 5, 2}, 4, ValueType.VALUE));
        Block block = build(keys, 16);
        BlockDirectory directory = block.buildDirectory();
        for (byte[] below : List.of(new byte[] {5}, new byte[] {4, 9}, new byte[] {5, 5})) {
            Block.Cursor cursor = block.cursor();
            assertThat(cursor.seek(directory, InternalKey.seekKey(below, InternalKey.MAX_SEQUENCE)))
                    .isTrue();
            assertThat(cursor.key()).isEqualTo(keys.get(0));
        }
        Block.Cursor cursor = block.cursor();
        assertThat(cursor.seek(directory, InternalKey.seekKey(new byte[] {5, 6}, InternalKey.MAX_SEQUENCE)))
                .isTrue();
        assertThat(cursor.valid()).isFalse();
    }

    @Test
    void anEntrySharingTheSequenceNumberOfTheKeyBeforeIsFoundThroughTheRestarts() {
        // [5] at sequence 07 09 00..: the next key, [5, 7] at sequence 09 03 00.., shares 5, 7, 9 with it
        byte[] before = InternalKey.encode(new byte[] {5}, 0x07_09_00_00_00_00_01L, ValueType.VALUE);
        byte[] entry = InternalKey.encode(new byte[] {5, 7}, 0x09_03_00_00_00_00_02L, ValueType.VALUE);
        List<byte[]> keys = List.of(before, entry);
        Block block = build(keys, 16);
        byte[] target = InternalKey.seekKey(new byte[] {5, 7}, InternalKey.MAX_SEQUENCE);

        assertThat(block.cursor().seek(block.buildDirectory(), target)).isFalse();
        for (int seek = 0; seek <= Block.SEEKS_BEFORE_DIRECTORY; seek++) {
            Block.Cursor cursor = block.cursor();
            cursor.seek(target);
            assertLandsOn(cursor, keys, 1, "seek " + seek);
        }
        assertThat(block.hasDirectory()).isTrue();
    }

    private static void assertLandsOn(Block.Cursor cursor, List<byte[]> keys, int expected, String what) {
        if (expected == keys.size()) {
            assertThat(cursor.valid()).as(what).isFalse();
        } else {
            assertThat(cursor.valid()).as(what).isTrue();
            assertThat(cursor.key()).as(what).isEqualTo(keys.get(expected));
            assertThat(cursor.value()).as(what).isEqualTo(valueOf(keys, expected));
        }
    }

    private static Block build(List<byte[]> keys, int restartInterval) {
        return new Block(contents(keys, restartInterval));
    }

    private static byte[] contents(List<byte[]> keys, int restartInterval) {
        BlockBuilder builder = new BlockBuilder(restartInterval);
        for (int i = 0; i < keys.size(); i++) {
            builder.add(keys.get(i), valueOf(keys, i));
        }
        return builder.finish();
    }

    /** A value that names its entry, so a cursor on the wrong entry shows. */
    private static byte[] valueOf(List<byte[]> keys, int index) {
        return ("v" + index + Arrays.toString(keys.get(index))).getBytes(StandardCharsets.UTF_8);
    }
}
