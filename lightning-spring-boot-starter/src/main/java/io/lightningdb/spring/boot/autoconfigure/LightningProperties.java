package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.WalSyncMode;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured Lightning database, bound to {@code lightning.db.*}.
 *
 * <pre>{@code
 * lightning:
 *   db:
 *     path: /var/lib/myapp/db
 *     cache-size: 512MB
 *     wal:
 *       sync-mode: normal
 * }</pre>
 *
 * <p>Every setting can also come from an environment variable, e.g. {@code
 * LIGHTNING_DB_CACHE_SIZE=512MB}. Values the engine rejects fail start-up with a message naming the
 * property. Defaults equal those of {@link io.lightningdb.LightningConfig#defaults()}.
 */
@ConfigurationProperties("lightning.db")
public class LightningProperties {

    /** Directory holding the database files; created if absent. Relative paths start at the working directory. */
    private Path path = Path.of("data");

    /** Size of the block cache for table data blocks. */
    private DataSize cacheSize = DataSize.ofMegabytes(64);

    /** Size a memtable reaches before it is flushed to a table file; at least 4KB. */
    private DataSize writeBufferSize = DataSize.ofMegabytes(64);

    /** Target size of an uncompressed table data block; at least 256B. */
    private DataSize blockSize = DataSize.ofKilobytes(4);

    /** Largest key accepted. */
    private DataSize maxKeySize = DataSize.ofKilobytes(64);

    /** Largest value accepted. */
    private DataSize maxValueSize = DataSize.ofMegabytes(16);

    /** Format of entity values written by the template and repositories. */
    private Codec codec = Codec.JSON;

    private final Wal wal = new Wal();

    private final Transactions transactions = new Transactions();

    private final Compaction compaction = new Compaction();

    private final Repositories repositories = new Repositories();

    private final Health health = new Health();

    private final Compression compression = new Compression();

    private final Encryption encryption = new Encryption();

    private final Backup backup = new Backup();

    public Path getPath() {
        return path;
    }

    public void setPath(Path path) {
        this.path = path;
    }

    public DataSize getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(DataSize cacheSize) {
        this.cacheSize = cacheSize;
    }

    public DataSize getWriteBufferSize() {
        return writeBufferSize;
    }

    public void setWriteBufferSize(DataSize writeBufferSize) {
        this.writeBufferSize = writeBufferSize;
    }

    public DataSize getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(DataSize blockSize) {
        this.blockSize = blockSize;
    }

    public DataSize getMaxKeySize() {
        return maxKeySize;
    }

    public void setMaxKeySize(DataSize maxKeySize) {
        this.maxKeySize = maxKeySize;
    }

    public DataSize getMaxValueSize() {
        return maxValueSize;
    }

    public void setMaxValueSize(DataSize maxValueSize) {
        this.maxValueSize = maxValueSize;
    }

    public Codec getCodec() {
        return codec;
    }

    public void setCodec(Codec codec) {
        this.codec = codec;
    }

    public Wal getWal() {
        return wal;
    }

    public Transactions getTransactions() {
        return transactions;
    }

    public Compaction getCompaction() {
        return compaction;
    }

    public Repositories getRepositories() {
        return repositories;
    }

    public Health getHealth() {
        return health;
    }

    public Compression getCompression() {
        return compression;
    }

    public Encryption getEncryption() {
        return encryption;
    }

    public Backup getBackup() {
        return backup;
    }

    /** Value formats of stored entities. */
    public enum Codec {
        /** UTF-8 JSON, readable with any tool. */
        JSON,
        /** CBOR (RFC 8949): binary, smaller and faster to parse. */
        CBOR
    }

    /** Write-ahead log settings. */
    public static class Wal {

        /** When an acknowledged write reaches stable storage: sync (survives power loss), normal or async. */
        private WalSyncMode syncMode = WalSyncMode.SYNC;

        /** How often the log is fsynced in normal mode and written in async mode. */
        private Duration syncInterval = Duration.ofMillis(100);

        /** Size at which a log segment is closed and a new one started; at least 64KB. */
        private DataSize segmentSize = DataSize.ofMegabytes(64);

        /**
         * Whether sync-mode log segments are written with direct, synchronous I/O (O_DIRECT |
         * O_DSYNC) where the file system takes it; otherwise write() and fsync.
         */
        private boolean directIo = true;

        /**
         * Whether, in sync mode, writers waiting for a group commit (for its fsync, or as its leader
         * for the writers it gathers) yield the CPU before they sleep: more fsynced commits per
         * second from concurrent writers, for CPU time spent while they wait.
         */
        private boolean groupCommitYield = true;

        public WalSyncMode getSyncMode() {
            return syncMode;
        }

        public void setSyncMode(WalSyncMode syncMode) {
            this.syncMode = syncMode;
        }

        public Duration getSyncInterval() {
            return syncInterval;
        }

        public void setSyncInterval(Duration syncInterval) {
            this.syncInterval = syncInterval;
        }

        public DataSize getSegmentSize() {
            return segmentSize;
        }

        public void setSegmentSize(DataSize segmentSize) {
            this.segmentSize = segmentSize;
        }

        public boolean isDirectIo() {
            return directIo;
        }

        public void setDirectIo(boolean directIo) {
            this.directIo = directIo;
        }

        public boolean isGroupCommitYield() {
            return groupCommitYield;
        }

        public void setGroupCommitYield(boolean groupCommitYield) {
            this.groupCommitYield = groupCommitYield;
        }
    }

    /** Transaction limits. */
    public static class Transactions {

        /** Transactions that may be open at once; beginning one more fails. */
        private int maxActive = 1024;

        /** How long a transaction may stay open before it can no longer commit. */
        private Duration timeout = Duration.ofSeconds(60);

        public int getMaxActive() {
            return maxActive;
        }

        public void setMaxActive(int maxActive) {
            this.maxActive = maxActive;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Compaction settings. */
    public static class Compaction {

        /** Whether compactions run automatically on a background thread; when false only an explicit compact does. */
        private boolean background = true;

        public boolean isBackground() {
            return background;
        }

        public void setBackground(boolean background) {
            this.background = background;
        }
    }

    /** Repository settings. */
    public static class Repositories {

        /** Whether Lightning repositories are enabled for the application's packages. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Settings of the {@code lightning} health indicator. */
    public static class Health {

        /** Free space on the database's file system below which the health indicator reports DOWN. */
        private DataSize diskSpaceThreshold = DataSize.ofMegabytes(10);

        public DataSize getDiskSpaceThreshold() {
            return diskSpaceThreshold;
        }

        public void setDiskSpaceThreshold(DataSize diskSpaceThreshold) {
            this.diskSpaceThreshold = diskSpaceThreshold;
        }
    }

    /** Compression of table data blocks. */
    public static class Compression {

        /**
         * Codec for new table data blocks: none, lz4, snappy, zstd or adaptive (lz4 where it saves at
         * least 1/8 of a block). Existing tables stay readable after a change.
         */
        private io.lightningdb.Compression type = io.lightningdb.Compression.NONE;

        /**
         * Zstandard level (1-22) when the type is zstd. Levels other than 3 need
         * com.github.luben:zstd-jni on the class path.
         */
        private int zstdLevel = 3;

        public io.lightningdb.Compression getType() {
            return type;
        }

        public void setType(io.lightningdb.Compression type) {
            this.type = type;
        }

        public int getZstdLevel() {
            return zstdLevel;
        }

        public void setZstdLevel(int zstdLevel) {
            this.zstdLevel = zstdLevel;
        }
    }

    /**
     * Encryption at rest (AES-256-GCM). Set at most one of {@code key} and {@code key-file}; a {@link
     * io.lightningdb.KeyProvider} bean takes precedence over both. The key is masked in Actuator and
     * never logged.
     */
    public static class Encryption {

        /**
         * Base64 of a 32-byte AES-256 key, used as key id 1. Prefer an environment variable
         * (LIGHTNING_DB_ENCRYPTION_KEY) or a secret store over a file in the repository.
         */
        private String key;

        /** Key file with 'primary=<id>' and one 'key.<id>=<base64>' line per key; allows key rotation. */
        private Path keyFile;

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public Path getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(Path keyFile) {
            this.keyFile = keyFile;
        }

        @Override
        public String toString() {
            // Never the key itself: this object may end up in a log line or a debugger view.
            return "Encryption{key=" + (key == null ? "unset" : "******") + ", keyFile=" + keyFile + "}";
        }
    }

    /** Backups made by the {@code lightning} Actuator endpoint, and WAL archiving for point-in-time restore. */
    public static class Backup {

        /** Backup directory that the endpoint's backup operation adds numbered backup points to. */
        private Path directory;

        /** Backup points kept after each backup; older ones are purged. Unset keeps every point. */
        private Integer keep;

        /**
         * Directory that retired write-ahead-log segments are moved to instead of being deleted, for
         * point-in-time restore. Unset deletes them.
         */
        private Path walArchiveDirectory;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public Integer getKeep() {
            return keep;
        }

        public void setKeep(Integer keep) {
            this.keep = keep;
        }

        public Path getWalArchiveDirectory() {
            return walArchiveDirectory;
        }

        public void setWalArchiveDirectory(Path walArchiveDirectory) {
            this.walArchiveDirectory = walArchiveDirectory;
        }
    }
}
