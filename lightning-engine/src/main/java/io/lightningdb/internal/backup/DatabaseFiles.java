package io.lightningdb.internal.backup;

import io.lightningdb.WriteChannelFactory;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.wal.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes the manifest and {@code CURRENT} that turn a directory of copied files into a database. */
final class DatabaseFiles {
    private DatabaseFiles() {}

    /** Writes a one-record manifest, then points {@code CURRENT} at it: the step that makes the copy live. */
    static void publishManifest(Path dir, long number, byte[] record, Encryptor encryptor) throws IOException {
        Path manifest = FileNames.manifest(dir, number);
        try (LogWriter writer = new LogWriter(WriteChannelFactory.DEFAULT, manifest, number, encryptor)) {
            writer.append(record, 0, record.length);
            writer.sync();
        }
        FileIo.syncDirectory(dir);
        FileIo.writeAtomically(
                WriteChannelFactory.DEFAULT,
                dir.resolve(FileNames.CURRENT),
                (manifest.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
