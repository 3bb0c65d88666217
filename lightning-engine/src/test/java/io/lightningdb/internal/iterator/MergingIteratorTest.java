package io.lightningdb.internal.iterator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The merge against a model, the sorted union of its children's entries: random children (empty
 * ones, one long run, many short ones, versions of one key spread over children), both directions.
 */
class MergingIteratorTest {

    @Test
    void mergesLikeSortingTheUnion() {
        SplittableRandom random = new SplittableRandom(29);
        for (int round = 0; round < 300; round++) {
            int childCount = random.nextInt(9); // 0 .. 8, some of them empty
            List<List<byte[]>> children = new ArrayList<>();
            List<byte[]> all = new ArrayList<>();
            long sequence = 0;
            for (int c = 0; c < childCount; c++) {
                List<byte[]> entries = new ArrayList<>();
                int n = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 5 : 400);
                for (int i = 0; i < n; i++) {
                    byte[] userKey = String.format("k%05d", random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
                    entries.add(InternalKey.encode(userKey, ++sequence, ValueType.VALUE)); // unique per key
                }
                children.add(entries);
                all.addAll(entries);
            }
            assertMerged(children, all, Direction.FORWARD);
            assertMerged(children, all, Direction.REVERSE);
        }
    }

    @Test
    void closesEveryChild() {
        List<ListIterator> children = List.of(new ListIterator(List.of()), new ListIterator(List.of()));
        new MergingIterator(new ArrayList<>(children), Direction.FORWARD).close();
        assertThat(children).allMatch(c -> c.closed);
    }

    private static void assertMerged(List<List<byte[]>> children, List<byte[]> all, Direction direction) {
        List<byte[]> expected = new ArrayList<>(all);
        expected.sort(InternalKey.COMPARATOR);
        if (direction == Direction.REVERSE) {
            Collections.reverse(expected);
        }
        List<InternalIterator> inputs = new ArrayList<>();
        for (List<byte[]> entries : children) {
            List<byte[]> sorted = new ArrayList<>(entries);
            sorted.sort(InternalKey.COMPARATOR);
            if (direction == Direction.REVERSE) {
                Collections.reverse(sorted);
            }
            inputs.add(new ListIterator(sorted));
        }
        List<byte[]> merged = new ArrayList<>();
        try (MergingIterator it = new MergingIterator(inputs, direction)) {
            for (; it.valid(); it.next()) {
                assertThat(it.value()).isEqualTo(it.key()); // the value travels with its key
                assertThat(it.keySlice().toArray()).isEqualTo(it.key());
                merged.add(it.key());
            }
        }
        assertThat(merged).containsExactlyElementsOf(expected);
    }

    /** A child over a list already in the merge's direction; each entry's value is its key. */
    private static final class ListIterator implements InternalIterator {
        private final List<byte[]> entries;
        private final KeySlice key = new KeySlice();
        private int position;
        boolean closed;

        ListIterator(List<byte[]> entries) {
            this.entries = entries;
            pointAtKey();
        }

        @Override
        public boolean valid() {
            return position < entries.size();
        }

        @Override
        public byte[] key() {
            return entries.get(position);
        }

        @Override
        public KeySlice keySlice() {
            return key;
        }

        private void pointAtKey() {
            if (valid()) {
                byte[] k = entries.get(position);
                key.set(k, 0, k.length);
            }
        }

        @Override
        public byte[] value() {
            return entries.get(position);
        }

        @Override
        public void next() {
            position++;
            pointAtKey();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
