package io.lightningdb.internal.compaction;

import io.lightningdb.LightningConfig;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.version.FileMetaData;
import io.lightningdb.internal.version.Version;
import io.lightningdb.internal.version.VersionSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses what to compact, leveled-style: each level has a size budget ({@code levelBaseSize}
 * times {@code multiplier^(level-1)}; level 0 counts files instead of bytes). The level most over
 * budget is compacted first; within a level, files are taken round-robin through the key space so
 * every key range gets rewritten in turn. When no level is over budget, all of level 0 goes into
 * level 1 if scans have asked for it ({@link #requestLevel0}). Called with the database lock held.
 */
public final class CompactionPicker {
    private final LightningConfig config;
    private Version level0Requested; // the version whose level 0 scans paid to compact

    public CompactionPicker(LightningConfig config) {
        this.config = config;
    }

    /** How far over budget {@code level} is; 1.0 or more means it needs compaction. */
    public double score(Version v, int level) {
        if (level == 0) {
            return v.files(0).size() / (double) config.level0CompactionTrigger();
        }
        return v.levelBytes(level) / (double) maxBytesForLevel(level);
    }

    long maxBytesForLevel(int level) {
        double bytes = config.levelBaseSize();
        for (int i = 1; i < level; i++) {
            bytes *= config.levelSizeMultiplier();
        }
        return (long) bytes;
    }

    /**
     * Asks for all of level 0 to be compacted into level 1, as long as {@code v} is the current
     * version when the next compaction is picked: any compaction before changes what scans merge.
     */
    public void requestLevel0(Version v) {
        level0Requested = v;
    }

    /**
     * Levels whose score is at least 1 (not counting the last level, which cannot be pushed down),
     * or level 0 if requested for {@code v}.
     */
    public int pendingCount(Version v) {
        int n = 0;
        for (int level = 0; level < Version.NUM_LEVELS - 1; level++) {
            if (score(v, level) >= 1.0 || (level == 0 && level0Requested == v)) {
                n++;
            }
        }
        return n;
    }

    /** The most urgent compaction, or null when every level is within budget or busy. */
    public Compaction pick(VersionSet versions) {
        Version v = versions.current();
        boolean level0Wanted = level0Requested == v;
        level0Requested = null; // picked now, or overtaken by a compaction that changes level 0
        int bestLevel = -1;
        double bestScore = 1.0;
        for (int level = 0; level < Version.NUM_LEVELS - 1; level++) {
            double s = score(v, level);
            if (s >= bestScore && !busy(v, level)) {
                bestScore = s;
                bestLevel = level;
            }
        }
        if (bestLevel < 0) {
            return level0Wanted ? pickWholeLevel(v, 0) : null;
        }
        List<FileMetaData> inputs;
        if (bestLevel == 0) {
            inputs = new ArrayList<>(v.files(0));
        } else {
            inputs = List.of(nextRoundRobin(versions, v, bestLevel));
        }
        Compaction c = expand(v, bestLevel, inputs);
        if (c == null) {
            return null;
        }
        byte[] largest = null;
        for (FileMetaData f : c.inputs()) {
            if (largest == null || InternalKey.compare(f.largest(), largest) > 0) {
                largest = f.largest();
            }
        }
        versions.compactPointer(bestLevel, largest);
        return c;
    }

    /** A compaction of every file of {@code level} into the next level, or null if it is empty or busy. */
    public Compaction pickWholeLevel(Version v, int level) {
        if (v.files(level).isEmpty() || busy(v, level)) {
            return null;
        }
        return expand(v, level, v.files(level));
    }

    /** A rewrite of every file of {@code level} in place, or null if it is empty or busy. */
    public Compaction pickInPlace(Version v, int level) {
        if (v.files(level).isEmpty() || busy(v, level)) {
            return null;
        }
        return Compaction.inPlace(level, v.files(level));
    }

    private boolean busy(Version v, int level) {
        for (FileMetaData f : v.files(level)) {
            if (f.beingCompacted()) {
                return true;
            }
        }
        return false;
    }

    private FileMetaData nextRoundRobin(VersionSet versions, Version v, int level) {
        byte[] pointer = versions.compactPointer(level);
        for (FileMetaData f : v.files(level)) {
            if (pointer == null || InternalKey.compare(f.largest(), pointer) > 0) {
                return f;
            }
        }
        return v.files(level).get(0);
    }

    /** Adds the overlapping files of the next level; null if any of them is being compacted. */
    private Compaction expand(Version v, int level, List<FileMetaData> inputs) {
        byte[] smallest = null;
        byte[] largest = null;
        for (FileMetaData f : inputs) {
            if (smallest == null || InternalKey.compareUserKeys(f.smallest(), smallest) < 0) {
                smallest = f.smallest();
            }
            if (largest == null || InternalKey.compareUserKeys(f.largest(), largest) > 0) {
                largest = f.largest();
            }
        }
        List<FileMetaData> next = v.overlapping(level + 1, InternalKey.userKey(smallest), InternalKey.userKey(largest));
        for (FileMetaData f : next) {
            if (f.beingCompacted()) {
                return null;
            }
        }
        return new Compaction(level, inputs, next);
    }
}
