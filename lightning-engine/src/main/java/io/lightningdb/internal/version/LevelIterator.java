package io.lightningdb.internal.version;

import io.lightningdb.internal.iterator.Direction;
import io.lightningdb.internal.iterator.InternalIterator;
import io.lightningdb.internal.iterator.KeySlice;
import io.lightningdb.internal.key.InternalKey;
import io.lightningdb.internal.sstable.TableCache;
import java.util.List;

/** Walks the sorted, non-overlapping tables of one level as one sequence, opening tables lazily. */
final class LevelIterator implements InternalIterator {
    private final List<FileMetaData> files;
    private final TableCache tables;
    private final Direction direction;
    private final KeySlice key = new KeySlice();
    private int index;
    private InternalIterator current;

    LevelIterator(List<FileMetaData> files, TableCache tables, Direction direction, byte[] target) {
        this.files = files;
        this.tables = tables;
        this.direction = direction;
        if (direction == Direction.FORWARD) {
            index = target == null ? 0 : Version.findFile(files, target);
        } else if (target == null) {
            index = files.size() - 1;
        } else {
            index = Math.min(Version.findFile(files, target), files.size() - 1);
            if (InternalKey.compare(files.get(index).smallest(), target) > 0) {
                index--; // target falls before this file: the previous file holds the entries <= target
            }
        }
        open(target);
        skipExhausted();
    }

    private void open(byte[] target) {
        current = index >= 0 && index < files.size()
                ? tables.get(files.get(index).number()).iterator(direction, target)
                : null;
    }

    private void skipExhausted() {
        while (current != null && !current.valid()) {
            index += direction == Direction.FORWARD ? 1 : -1;
            open(null);
        }
        if (current != null) {
            key.set(current.keySlice());
        }
    }

    @Override
    public boolean valid() {
        return current != null && current.valid();
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public KeySlice keySlice() {
        return key;
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void next() {
        current.next();
        skipExhausted();
    }
}
