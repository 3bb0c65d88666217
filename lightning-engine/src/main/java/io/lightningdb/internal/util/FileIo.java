package io.lightningdb.internal.util;

import io.lightningdb.WriteChannelFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File-system steps every writer shares: owner-only permissions (database files may hold private
 * data), and atomic publication (write to a temporary name, fsync, rename, fsync the directory) so
 * that a crash never leaves a half-written file under a live name.
 */
public final class FileIo {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");

    private FileIo() {}

    /** Creates {@code dir} (and parents) if absent; a new directory is accessible to its owner only. */
    public static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Opens {@code file} for writing, creating it owner-only; truncates unless {@code append}. */
    public static FileChannel openForWrite(Path file, boolean append) throws IOException {
        return openForWrite(WriteChannelFactory.DEFAULT, file, append);
    }

    /** Like {@link #openForWrite(Path, boolean)}, through {@code factory}. */
    public static FileChannel openForWrite(WriteChannelFactory factory, Path file, boolean append) throws IOException {
        Set<StandardOpenOption> options = append
                ? Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        FileChannel ch = open(factory, file, options);
        if (append) {
            ch.position(ch.size());
        }
        return ch;
    }

    /** Like {@link #openForWrite(WriteChannelFactory, Path, boolean)}, truncating, and readable too (to map it). */
    public static FileChannel openForReadWrite(WriteChannelFactory factory, Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return open(factory, file, options);
    }

    /**
     * Opens an existing {@code file} for writing again, as it is (no truncation, no creation), and
     * readable too if {@code readable}: for a channel that an interrupt closed.
     */
    public static FileChannel reopenForWrite(WriteChannelFactory factory, Path file, boolean readable)
            throws IOException {
        Set<StandardOpenOption> options =
                readable ? Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE) : Set.of(StandardOpenOption.WRITE);
        return open(factory, file, options);
    }

    private static FileChannel open(WriteChannelFactory factory, Path file, Set<StandardOpenOption> options)
            throws IOException {
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
                : new FileAttribute<?>[0];
        return factory.open(file, options, attrs);
    }

    /** Writes {@code contents} to {@code target} atomically and durably. */
    public static void writeAtomically(WriteChannelFactory factory, Path target, byte[] contents) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = openForWrite(factory, tmp, false)) {
            writeFully(ch, contents, 0, contents.length);
            ch.force(true);
        }
        publish(tmp, target);
    }

    /** Renames a fully written and synced {@code tmp} to {@code target}, then syncs the directory. */
    public static void publish(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Makes a directory's entries (creations, renames, deletions) durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; there renames are durable already.
            if (POSIX) {
                throw e;
            }
        }
    }

    public static void writeFully(FileChannel ch, byte[] b, int off, int len) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Writes all {@code len} bytes at {@code position}, leaving the channel's own position alone. */
    public static void writeFully(FileChannel ch, long position, byte[] b, int off, int len) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf, position + buf.position() - off);
        }
    }

    /** Reads exactly {@code len} bytes at {@code position}; fewer only at end of file. */
    public static int readFully(FileChannel ch, long position, byte[] b, int off, int len) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position() - off);
            if (n < 0) {
                break;
            }
        }
        return buf.position() - off;
    }
}
