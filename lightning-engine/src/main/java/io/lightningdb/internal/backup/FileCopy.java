package io.lightningdb.internal.backup;

import io.lightningdb.internal.util.FileIo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durable copies for backups: every copied byte is fsynced before a backup counts as taken. */
final class FileCopy {
    private FileCopy() {}

    /** Copies the first {@code length} bytes of {@code source} to a new file {@code target}, fsynced. */
    static void copyPrefix(Path source, Path target, long length) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileIo.openForWrite(target, false)) {
            long done = 0;
            while (done < length) {
                long n = in.transferTo(done, length - done, out);
                if (n <= 0) {
                    throw new IOException(source + " ended at " + done + " bytes, expected " + length);
                }
                done += n;
            }
            out.force(true);
        }
    }

    /**
     * Puts an immutable file at {@code target}: a hard link where the file system allows (no bytes
     * copied, and safe because tables never change), a durable copy elsewhere.
     */
    static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(target);
            copyPrefix(source, target, Files.size(source));
        }
    }
}
