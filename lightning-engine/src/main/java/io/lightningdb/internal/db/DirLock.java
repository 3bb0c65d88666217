package io.lightningdb.internal.db;

import io.lightningdb.DatabaseLockedException;
import io.lightningdb.LightningException;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a database directory: an OS lock on its {@code LOCK} file keeps other
 * processes out, and a JVM-wide registry keeps out a second open in this process (OS locks are
 * per process, so they cannot).
 */
final class DirLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DirLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    static DirLock acquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new DatabaseLockedException(dir);
        }
        FileChannel ch = null;
        try {
            ch = FileIo.openForWrite(dir.resolve(FileNames.LOCK), true);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new DatabaseLockedException(dir);
            }
            return new DirLock(key, ch, lock);
        } catch (IOException | OverlappingFileLockException | LightningException e) {
            HELD.remove(key);
            closeQuietly(ch);
            if (e instanceof LightningException le) {
                throw le;
            }
            if (e instanceof OverlappingFileLockException) {
                throw new DatabaseLockedException(dir);
            }
            throw new LightningException("Cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock failure is what matters
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
        HELD.remove(dir);
    }
}
