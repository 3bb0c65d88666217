package io.lightningdb.internal.ops;

import io.lightningdb.CorruptionException;
import io.lightningdb.EncryptionKeyException;
import io.lightningdb.LightningException;
import io.lightningdb.VerifyReport;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.sstable.BlockCache;
import io.lightningdb.internal.sstable.Table;
import io.lightningdb.internal.util.ByteSource;
import io.lightningdb.internal.version.VersionEdit;
import io.lightningdb.internal.wal.BatchCodec;
import io.lightningdb.internal.wal.LogReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads files end to end and collects every checksum or format error instead of stopping at the
 * first, for {@code verify()}. Reads go to the files, never to caches, so damage on disk is found
 * even while a good copy is cached.
 */
public final class Verifier {
    private final List<VerifyReport.Problem> problems = new ArrayList<>();
    private final Encryptor encryptor;
    private int tables;
    private long blocks;
    private int logFiles;
    private long records;

    public Verifier(Encryptor encryptor) {
        this.encryptor = encryptor;
    }

    /** Checks one table: footer, index, filter and every data block. */
    public void table(Path path, long number) {
        Table table;
        try {
            table = Table.open(path, number, new BlockCache(0), encryptor);
        } catch (CorruptionException e) {
            problem(e);
            return;
        } catch (LightningException e) {
            problems.add(new VerifyReport.Problem(path, 0, e.getMessage()));
            return;
        }
        try (table) {
            tables++;
            blocks += table.verifyDataBlocks(this::problem);
        }
    }

    /** Checks a write-ahead-log segment; only the newest one may end in a record being written. */
    public void log(Path path, boolean newest) {
        read(path, newest, payload -> BatchCodec.decode(payload, (seq, type, key, stored) -> {}));
    }

    /** Checks a manifest; its newest record may be in the middle of being appended. */
    public void manifest(Path path) {
        read(path, true, VersionEdit::decode);
    }

    private void read(Path path, boolean tornTailAllowed, Consumer<byte[]> decode) {
        try {
            LogReader.Result r = LogReader.read(
                    path, tornTailAllowed ? LogReader.Tail.APPENDING : LogReader.Tail.COMPLETE, encryptor, decode);
            logFiles++;
            records += r.records();
        } catch (NoSuchFileException e) {
            // Deleted since the file list was taken (a flush retired it): nothing left to check.
        } catch (CorruptionException e) {
            logFiles++;
            problem(e);
        } catch (ByteSource.MalformedException | EncryptionKeyException e) {
            logFiles++;
            problems.add(new VerifyReport.Problem(path, 0, e.getMessage()));
        } catch (IOException e) {
            problems.add(new VerifyReport.Problem(path, 0, "cannot read: " + e.getMessage()));
        }
    }

    private void problem(CorruptionException e) {
        problems.add(new VerifyReport.Problem(e.file(), e.offset(), e.detail()));
    }

    public VerifyReport report() {
        return new VerifyReport(problems, tables, blocks, logFiles, records);
    }
}
