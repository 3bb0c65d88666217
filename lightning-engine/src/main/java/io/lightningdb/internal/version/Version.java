package io.lightningdb.internal.version;

import io.lightningdb.LevelStats;
import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.sstable.TableCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An immutable set of live table files arranged in levels. Level 0 holds freshly flushed tables
 * that may overlap (newest first); deeper levels hold sorted, non-overlapping tables. A version is
 * reference-counted: readers pin it, and when the last reference goes, files no other version holds
 * become obsolete.
 */
public final class Version {
    public static final int NUM_LEVELS = 7;

    private final List<List<FileMetaData>> levels;
    private final AtomicInteger refs = new AtomicInteger();
    private final Consumer<FileMetaData> onObsolete;

    Version(List<List<FileMetaData>> levels, Consumer<FileMetaData> onObsolete) {
        this.levels = levels;
        this.onObsolete = onObsolete;
        levels.forEach(files -> files.forEach(FileMetaData::ref));
    }

    public void ref() {
        refs.incrementAndGet();
    }

    public void unref() {
        if (refs.decrementAndGet() == 0) {
            for (List<FileMetaData> files : levels) {
                for (FileMetaData f : files) {
                    if (f.unref()) {
                        onObsolete.accept(f);
                    }
                }
            }
        }
    }

    public List<FileMetaData> files(int level) {
        return levels.get(level);
    }

    public long levelBytes(int level) {
        long sum = 0;
        for (FileMetaData f : levels.get(level)) {
            sum += f.size();
        }
        return sum;
    }

    public List<LevelStats> levelStats() {
        List<LevelStats> stats = new ArrayList<>(NUM_LEVELS);
        for (int i = 0; i < NUM_LEVELS; i++) {
            stats.add(new LevelStats(i, levels.get(i).size(), levelBytes(i)));
        }
        return stats;
    }

    /** Deepest level holding any file, or -1 when empty. */
    public int deepestNonEmptyLevel() {
        for (int i = NUM_LEVELS - 1; i >= 0; i--) {
            if (!levels.get(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Newest entry for {@code userKey}, whose {@code KeyHash} is {@code hash}, at or below {@code
     * sequence}; see {@code Lookup}.
     */
    public byte[] get(byte[] userKey, long hash, long sequence, Clock clock, TableCache tables) {
        for (FileMetaData f : levels.get(0)) {
            if (f.covers(userKey)) {
                byte[] r = tables.get(f.number()).get(userKey, hash, sequence, clock);
                if (r != null) {
                    return r;
                }
            }
        }
        byte[] target = null;
        for (int level = 1; level < NUM_LEVELS; level++) {
            List<FileMetaData> files = levels.get(level);
            if (files.isEmpty()) {
                continue;
            }
            if (target == null) {
                target = InternalKey.seekKey(userKey, sequence);
            }
            int i = findFile(files, target);
            if (i < files.size() && files.get(i).covers(userKey)) {
                byte[] r = tables.get(files.get(i).number()).get(userKey, hash, sequence, clock);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Index of the first file whose largest key is {@code >= target} in a sorted level. */
    static int findFile(List<FileMetaData> files, byte[] target) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(files.get(mid).largest(), target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds one iterator per level-0 table and one per deeper non-empty level to {@code out}. */
    public void addIterators(List<InternalIterator> out, Direction direction, byte[] target, TableCache tables) {
        for (FileMetaData f : levels.get(0)) {
            out.add(tables.get(f.number()).iterator(direction, target));
        }
        for (int level = 1; level < NUM_LEVELS; level++) {
            List<FileMetaData> files = levels.get(level);
            if (!files.isEmpty()) {
                out.add(new LevelIterator(files, tables, direction, target));
            }
        }
    }

    /** Files of {@code level} whose user-key range overlaps {@code [smallestUser, largestUser]}. */
    public List<FileMetaData> overlapping(int level, byte[] smallestUser, byte[] largestUser) {
        List<FileMetaData> result = new ArrayList<>();
        for (FileMetaData f : levels.get(level)) {
            if (f.overlaps(smallestUser, largestUser)) {
                result.add(f);
            }
        }
        return result;
    }

    static List<List<FileMetaData>> emptyLevels() {
        List<List<FileMetaData>> levels = new ArrayList<>(NUM_LEVELS);
        for (int i = 0; i < NUM_LEVELS; i++) {
            levels.add(Collections.emptyList());
        }
        return levels;
    }

    List<List<FileMetaData>> levels() {
        return levels;
    }
}
