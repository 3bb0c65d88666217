package io.lightningdb.internal.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.key.ValueType;
import io.lightningdb.internal.util.KeyHash;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A memtable that merges its runs: every check of {@link MemTableTest} again, with merges every
 * 16 KiB in the writer's thread and on a background thread racing the readers, and the merge's own
 * rules.
 */
class MergingMemTableTest {
    private static final int MERGE_AT = 16 * 1024;
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-memtable-merge");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopMerger() {
        BACKGROUND.shutdownNow();
    }

    /** Merges run to completion inside {@code add}, so every read sees the merged layout at once. */
    @Nested
    class MergedInTheWritersThread extends MemTableTest {
        @Override
        MemTable newMemTable() {
            return new MemTable(1, Runnable::run, MERGE_AT, false);
        }
    }

    /** Merges run beside the writer and the racing readers, as in the engine. */
    @Nested
    class MergedInTheBackground extends MemTableTest {
        @Override
        MemTable newMemTable() {
            return new MemTable(1, BACKGROUND, MERGE_AT, false);
        }
    }

    @Test
    void mergesKeepAtMostTwoRunsBetweenMerges() {
        MemTable mem = new MemTable(1, Runnable::run, MERGE_AT, false);
        for (int i = 0; i < 5_000; i++) {
            mem.add(i + 1, ValueType.VALUE, key(i * 7919 % 5_000), value(i));
            assertThat(mem.runCount()).isBetween(1, 2); // a synchronous merge finishes within add
        }
        assertThat(mem.runCount()).isEqualTo(2);
        assertThat(mem.entryCount()).isEqualTo(5_000);
        assertInKeyOrder(mem, 5_000);
    }

    @Test
    void memtableNobodyScansIsNeverMerged() {
        MemTable mem = new MemTable(1, Runnable::run, MERGE_AT, true);
        for (int i = 0; i < 2_000; i++) {
            mem.add(i + 1, ValueType.VALUE, key(i * 7919 % 2_000), value(i));
        }
        assertThat(mem.runCount()).isEqualTo(1);
        mem.iterator(Direction.FORWARD, null).close(); // a scan: the next full run is merged
        for (int i = 2_000; i < 2_100; i++) {
            mem.add(i + 1, ValueType.VALUE, key(i), value(i));
        }
        assertThat(mem.runCount()).isEqualTo(2);
        assertInKeyOrder(mem, 2_100);
    }

    @Test
    void sealedMemtableStopsMerging() {
        MemTable mem = new MemTable(1, Runnable::run, MERGE_AT, false);
        mem.seal();
        for (int i = 0; i < 2_000; i++) {
            mem.add(i + 1, ValueType.VALUE, key(i), value(i));
        }
        assertThat(mem.runCount()).isEqualTo(1);
        assertThat(mem.entryCount()).isEqualTo(2_000);
    }

    @Test
    void rejectedMergeLeavesTheFrozenRunReadable() {
        MemTable mem = new MemTable(
                1,
                task -> {
                    throw new RejectedExecutionException("closing");
                },
                MERGE_AT,
                false);
        for (int i = 0; i < 3_000; i++) {
            mem.add(i + 1, ValueType.VALUE, key(i % 1_000), value(i));
        }
        assertThat(mem.runCount()).isEqualTo(2); // frozen once; the newest run then keeps growing
        for (int k = 0; k < 1_000; k++) {
            assertThat(mem.get(key(k), 3_000, 0)).isEqualTo(value(2_000 + k)); // the newest of three versions
            assertThat(mem.get(key(k), k + 1, 0)).isEqualTo(value(k)); // the oldest, in the frozen run
        }
        assertInKeyOrder(mem, 1_000);
    }

    @Test
    void mergeGivesUpWhenCancelled() {
        MemRun run = new MemRun();
        for (int i = 0; i < 10_000; i++) {
            run.add(i + 1, ValueType.VALUE, key(i), value(i));
        }
        assertThat(MemRun.merge(run, null, () -> true)).isNull();
        MemRun merged = MemRun.merge(run, null, () -> false);
        assertThat(merged.size()).isEqualTo(10_000);
        byte[] k = key(1234);
        assertThat(merged.get(k, KeyHash.of(k, k.length), 10_000, 0)).isEqualTo(value(1234));
    }

    @Test
    void appendCopyRejectsKeysOutOfOrder() {
        ArenaSkipList source = new ArenaSkipList();
        long b = source.insert(key(2), (2L << 8) | ValueType.VALUE, value(2));
        long a = source.insert(key(1), (1L << 8) | ValueType.VALUE, value(1));
        ArenaSkipList target = new ArenaSkipList();
        target.appendCopy(source, b);
        assertThatThrownBy(() -> target.appendCopy(source, a)).isInstanceOf(IllegalStateException.class);
        assertThat(target.size()).isEqualTo(1);
    }

    /** A forward scan yields {@code distinctKeys} user keys in ascending order, each key's versions newest first. */
    private static void assertInKeyOrder(MemTable mem, int distinctKeys) {
        int seen = 0;
        byte[] previous = null;
        try (InternalIterator it = mem.iterator(Direction.FORWARD, null)) {
            for (; it.valid(); it.next()) {
                byte[] k = it.key();
                if (previous != null) {
                    assertThat(InternalKey.compare(previous, k)).isNegative();
                }
                if (previous == null || InternalKey.compareUserKeys(previous, k) != 0) {
                    seen++;
                }
                previous = k;
            }
        }
        assertThat(seen).isEqualTo(distinctKeys);
    }

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("value-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
