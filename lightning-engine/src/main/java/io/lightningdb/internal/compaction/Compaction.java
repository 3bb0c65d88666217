package io.lightningdb.internal.compaction;

import io.lightningdb.internal.version.FileMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of compaction work: tables of {@code level} merged with the overlapping tables of
 * {@code level + 1}, written to {@code level + 1}; or, for a manual full compaction, the tables of
 * the last level rewritten in place so nothing obsolete survives there.
 */
public final class Compaction {
    private final int level;
    private final List<FileMetaData> inputs;
    private final List<FileMetaData> nextLevelInputs;
    private final int outputLevel;

    public Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> nextLevelInputs) {
        this(level, inputs, nextLevelInputs, level + 1);
    }

    private Compaction(int level, List<FileMetaData> inputs, List<FileMetaData> nextLevelInputs, int outputLevel) {
        this.level = level;
        this.inputs = List.copyOf(inputs);
        this.nextLevelInputs = List.copyOf(nextLevelInputs);
        this.outputLevel = outputLevel;
    }

    /** Rewrites {@code files} of {@code level} into the same level. */
    public static Compaction inPlace(int level, List<FileMetaData> files) {
        return new Compaction(level, files, List.of(), level);
    }

    public int level() {
        return level;
    }

    public int outputLevel() {
        return outputLevel;
    }

    public List<FileMetaData> inputs() {
        return inputs;
    }

    public List<FileMetaData> nextLevelInputs() {
        return nextLevelInputs;
    }

    public List<FileMetaData> allInputs() {
        List<FileMetaData> all = new ArrayList<>(inputs);
        all.addAll(nextLevelInputs);
        return all;
    }

    /** A single table with nothing to merge against can simply move down a level. */
    public boolean isTrivialMove() {
        return level > 0 && outputLevel > level && inputs.size() == 1 && nextLevelInputs.isEmpty();
    }

    public long inputBytes() {
        long sum = 0;
        for (FileMetaData f : allInputs()) {
            sum += f.size();
        }
        return sum;
    }

    public void markBeingCompacted(boolean value) {
        for (FileMetaData f : allInputs()) {
            f.beingCompacted(value);
        }
    }
}
