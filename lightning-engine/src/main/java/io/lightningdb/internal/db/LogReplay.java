package io.lightningdb.internal.db;

import io.lightningdb.LightningConfig;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.memtable.MemTable;
import io.lightningdb.internal.util.FileIo;
import io.lightningdb.internal.util.FileNames;
import io.lightningdb.internal.version.VersionEdit;
import io.lightningdb.internal.wal.BatchCodec;
import io.lightningdb.internal.wal.LogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery's second step: turns the log segments not yet covered by tables into level-0 tables.
 * An incomplete record at the very end of the last segment (a crash or a failed write cut it short,
 * so it was never acknowledged) is truncated and logged; any other damage is a {@code
 * CorruptionException} from the {@link LogReader}.
 */
final class LogReplay {
    private static final Logger log = LoggerFactory.getLogger(LogReplay.class);

    private final Path dir;
    private final LightningConfig config;
    private final Encryptor encryptor;
    private final Level0Writer level0;

    /** Writes a memtable as level-0 tables and records them in an edit (the flush's own code). */
    @FunctionalInterface
    interface Level0Writer {
        void write(MemTable table, VersionEdit edit, long smallestSnapshot) throws IOException;
    }

    LogReplay(Path dir, LightningConfig config, Encryptor encryptor, Level0Writer level0) {
        this.dir = dir;
        this.config = config;
        this.encryptor = encryptor;
        this.level0 = level0;
    }

    /**
     * Replays segments numbered {@code firstLog} and up, adding the tables written to {@code edit};
     * returns the highest sequence number seen ({@code lastSequence} if none is newer).
     */
    long replay(long firstLog, long lastSequence, VersionEdit edit) throws IOException {
        List<Long> logs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(p -> FileNames.parse(p.getFileName().toString()))
                    .filter(p -> p.kind() == FileNames.Kind.LOG && p.number() >= firstLog)
                    .forEach(p -> logs.add(p.number()));
        }
        Collections.sort(logs);
        long[] maxSequence = {lastSequence};
        MemTable[] replay = {new MemTable(0)};
        for (int i = 0; i < logs.size(); i++) {
            Path logPath = FileNames.log(dir, logs.get(i));
            boolean last = i == logs.size() - 1;
            var result = LogReader.read(
                    logPath, last ? LogReader.Tail.CRASHED : LogReader.Tail.COMPLETE, encryptor, payload -> {
                        long seq = BatchCodec.decode(payload, replay[0]::add);
                        maxSequence[0] = Math.max(maxSequence[0], seq);
                    });
            if (result.tornAt() >= 0) {
                if (!result.zeroTail()) {
                    log.warn(
                            "Dropped an incomplete record at the end of {} (offset {}): a crash or failed write cut it"
                                    + " short, so it was never acknowledged",
                            logPath,
                            result.tornAt());
                }
                try (var ch = FileIo.openForWrite(config.writeChannelFactory(), logPath, true)) {
                    ch.truncate(result.validLength());
                    ch.force(true);
                }
            }
            if (replay[0].approximateBytes() >= config.writeBufferSize()) {
                level0.write(replay[0], edit, maxSequence[0]); // keep memory bounded on long logs
                replay[0] = new MemTable(0);
            }
        }
        if (!replay[0].isEmpty()) {
            level0.write(replay[0], edit, maxSequence[0]);
        }
        return maxSequence[0];
    }
}
