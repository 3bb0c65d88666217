package io.lightningdb.internal.backup;

import io.lightningdb.LightningException;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.db.DbImpl;
import io.lightningdb.internal.key.Mutation;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.wal.BatchCodec;
import io.lightningdb.internal.wal.LogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays archived log segments into a restored database, from just after the backup's sequence
 * number up to a target sequence number or commit time. Each logged commit group is applied as one
 * atomic write, cut at the target, so the database ends exactly as it was at that point; with no
 * other writer the replayed writes even get their original sequence numbers. A gap in the archive
 * (a missing segment) is an error rather than a silently incomplete restore.
 */
public final class PointInTimeRestore {
    private final DbImpl db;
    private final Encryptor encryptor;
    private final long untilSequence;
    private final long untilMillis;
    private long next; // the sequence number the next replayed mutation must have
    private boolean done;

    /**
     * @param after sequence number the restored backup holds
     * @param untilSequence last sequence number to replay (Long.MAX_VALUE: no limit)
     * @param untilMillis last commit time to replay, epoch milliseconds (Long.MAX_VALUE: no limit)
     */
    public PointInTimeRestore(DbImpl db, Encryptor encryptor, long after, long untilSequence, long untilMillis) {
        this.db = db;
        this.encryptor = encryptor;
        this.next = after + 1;
        this.untilSequence = untilSequence;
        this.untilMillis = untilMillis;
    }

    /** Replays {@code archive}'s segments in order; returns the last sequence number now in the database. */
    public long replay(Path archive) throws IOException {
        for (Path segment : segments(archive)) {
            if (done) {
                break;
            }
            LogReader.read(segment, LogReader.Tail.CRASHED, encryptor, this::group);
        }
        return next - 1;
    }

    private void group(byte[] payload) {
        if (done) {
            return;
        }
        long time = BatchCodec.timestampMillis(payload);
        if (time > untilMillis) {
            done = true;
            return;
        }
        List<Mutation> batch = new ArrayList<>();
        BatchCodec.decode(payload, (seq, type, key, stored) -> {
            if (seq < next || seq > untilSequence) {
                return; // already in the backup, or past the target
            }
            if (seq != next) {
                throw new LightningException("The WAL archive lacks the writes from sequence " + next + " to "
                        + (seq - 1) + ": a segment is missing, restore cannot reach the target");
            }
            batch.add(new Mutation(type, key, stored));
            next++;
        });
        db.replayArchived(batch);
        if (next > untilSequence) {
            done = true;
        }
    }

    /** Archived segments in file-number order; {@code .dup-} copies belong to another history. */
    private static List<Path> segments(Path archive) throws IOException {
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(archive)) {
            return s.filter(p -> FileNames.parse(p.getFileName().toString()).kind() == FileNames.Kind.LOG)
                    .sorted(Comparator.comparingLong(
                            p -> FileNames.parse(p.getFileName().toString()).number()))
                    .toList();
        }
    }
}
