package io.lightningdb;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one database, immutable. Start from {@link #defaults()} or {@link #builder()}:
 *
 * <pre>{@code
 * LightningConfig config = LightningConfig.builder()
 *         .cacheSize(256L << 20)
 *         .walSyncMode(WalSyncMode.NORMAL)
 *         .build();
 * }</pre>
 *
 * <p>Sizes are in bytes. Every setter of the builder validates its argument and throws {@link
 * IllegalArgumentException} naming the setting.
 */
public final class LightningConfig {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private final long cacheSize;
    private final long writeBufferSize;
    private final int blockSize;
    private final int maxKeySize;
    private final int maxValueSize;
    private final WalSyncMode walSyncMode;
    private final Duration walSyncInterval;
    private final long walSegmentSize;
    private final boolean walDirectIo;
    private final boolean groupCommitYield;
    private final int bloomBitsPerKey;
    private final Compression compression;
    private final int zstdLevel;
    private final KeyProvider encryption;
    private final java.nio.file.Path walArchiveDirectory;
    private final int maxImmutableMemtables;
    private final int level0CompactionTrigger;
    private final int level0SlowdownTrigger;
    private final int level0StopTrigger;
    private final long levelBaseSize;
    private final int levelSizeMultiplier;
    private final long targetFileSize;
    private final boolean backgroundCompaction;
    private final int maxActiveTransactions;
    private final Duration transactionTimeout;
    private final Clock clock;
    private final WriteChannelFactory writeChannelFactory;

    private LightningConfig(Builder b) {
        this.cacheSize = b.cacheSize;
        this.writeBufferSize = b.writeBufferSize;
        this.blockSize = b.blockSize;
        this.maxKeySize = b.maxKeySize;
        this.maxValueSize = b.maxValueSize;
        this.walSyncMode = b.walSyncMode;
        this.walSyncInterval = b.walSyncInterval;
        this.walSegmentSize = b.walSegmentSize;
        this.walDirectIo = b.walDirectIo;
        this.groupCommitYield = b.groupCommitYield;
        this.bloomBitsPerKey = b.bloomBitsPerKey;
        this.compression = b.compression;
        this.zstdLevel = b.zstdLevel;
        this.encryption = b.encryption;
        this.walArchiveDirectory = b.walArchiveDirectory;
        this.maxImmutableMemtables = b.maxImmutableMemtables;
        this.level0CompactionTrigger = b.level0CompactionTrigger;
        this.level0SlowdownTrigger = b.level0SlowdownTrigger;
        this.level0StopTrigger = b.level0StopTrigger;
        this.levelBaseSize = b.levelBaseSize;
        this.levelSizeMultiplier = b.levelSizeMultiplier;
        this.targetFileSize = b.targetFileSize;
        this.backgroundCompaction = b.backgroundCompaction;
        this.maxActiveTransactions = b.maxActiveTransactions;
        this.transactionTimeout = b.transactionTimeout;
        this.clock = b.clock;
        this.writeChannelFactory = b.writeChannelFactory;
    }

    /** The default settings: 64 MiB cache and write buffer, 4 KiB blocks, {@link WalSyncMode#SYNC}. */
    public static LightningConfig defaults() {
        return builder().build();
    }

    /** A builder holding the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this configuration's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Byte size of the block cache for table data blocks. Default 64 MiB. */
    public long cacheSize() {
        return cacheSize;
    }

    /**
     * Bytes a memtable holds before it is flushed to a table. Default 64 MiB. A memtable of 4 MiB
     * or more is flushed earlier once scans have read as many bytes through it as it holds: a
     * table's entries lie in key order and scan about three times faster than a memtable's.
     */
    public long writeBufferSize() {
        return writeBufferSize;
    }

    /** Target size of an uncompressed table data block. Default 4 KiB. */
    public int blockSize() {
        return blockSize;
    }

    /** Largest key accepted, in bytes. Default 64 KiB. */
    public int maxKeySize() {
        return maxKeySize;
    }

    /** Largest value accepted, in bytes. Default 16 MiB. */
    public int maxValueSize() {
        return maxValueSize;
    }

    /** Durability of acknowledged writes. Default {@link WalSyncMode#SYNC}. */
    public WalSyncMode walSyncMode() {
        return walSyncMode;
    }

    /** How often NORMAL fsyncs and ASYNC writes the log. Default 100 ms. */
    public Duration walSyncInterval() {
        return walSyncInterval;
    }

    /** Size at which a write-ahead-log segment is closed and a new one started. Default 64 MiB. */
    public long walSegmentSize() {
        return walSegmentSize;
    }

    /**
     * Whether SYNC-mode log segments are written with direct, synchronous I/O ({@code O_DIRECT |
     * O_DSYNC}) where the file system takes it: each group of commits is one write that returns
     * with the records durable. Where the file system refuses it, or when this is false, the log
     * uses {@code write()} and fsync. Default true.
     */
    public boolean walDirectIo() {
        return walDirectIo;
    }

    /**
     * Whether, in SYNC mode, writers waiting for a group commit's fsync yield their core ({@code
     * Thread.yield}) instead of sleeping at once, for up to three times as long as the last commit
     * took, and not at all once commits take over 300 µs; so does a group's leader while it waits
     * for the previous group's writers to join it. A woken thread takes tens of microseconds to run
     * again; a yielding one sees its turn at once, which lets concurrent writers commit more often
     * (four threads on two cores: about 1.35x the fsynced puts per second from the followers
     * yielding, 1.05x more from the leader), at the cost of CPU time while they wait (about 1.3x
     * per put there). Other threads that want a core get it first. Default true.
     */
    public boolean groupCommitYield() {
        return groupCommitYield;
    }

    /** Bloom filter bits per key; 10 gives about 1% false positives. 0 disables filters. */
    public int bloomBitsPerKey() {
        return bloomBitsPerKey;
    }

    /**
     * How table data blocks are compressed. Default {@link Compression#NONE}; {@link
     * Compression#ADAPTIVE} (LZ4 where it saves at least 1/8 of a block) suits most data. Changing it
     * affects new tables only; every table stays readable.
     */
    public Compression compression() {
        return compression;
    }

    /**
     * Zstandard level when {@link #compression()} is {@link Compression#ZSTD}. Default 3; other
     * levels need {@code com.github.luben:zstd-jni} on the class path (checked at open).
     */
    public int zstdLevel() {
        return zstdLevel;
    }

    /**
     * Keys for encryption at rest, or null (the default) to store data in plain. When set, every
     * table block, log record and manifest record written is encrypted with AES-256-GCM under the
     * provider's primary key; see {@link KeyProvider}.
     */
    public KeyProvider encryption() {
        return encryption;
    }

    /**
     * Where log segments go once their writes are in tables, instead of being deleted; null (the
     * default) deletes them. Together with backups this allows restoring to any sequence number or
     * moment since a backup: see {@link Backups#restoreToSequence}.
     */
    public java.nio.file.Path walArchiveDirectory() {
        return walArchiveDirectory;
    }

    /** Full memtables that may wait for flush before writers stall. Default 2. */
    public int maxImmutableMemtables() {
        return maxImmutableMemtables;
    }

    /**
     * Level-0 table count that triggers a compaction into level 1. Default 4. Level 0 is also
     * compacted, with background compaction on, once scans have read four times as many bytes
     * through it, while its tables overlap each other or level 1, as levels 0 and 1 hold.
     */
    public int level0CompactionTrigger() {
        return level0CompactionTrigger;
    }

    /** Level-0 table count at which each write is delayed slightly. Default 12. */
    public int level0SlowdownTrigger() {
        return level0SlowdownTrigger;
    }

    /** Level-0 table count at which writes wait for compaction. Default 20. */
    public int level0StopTrigger() {
        return level0StopTrigger;
    }

    /** Target total size of level 1; each deeper level is {@link #levelSizeMultiplier()} times larger. */
    public long levelBaseSize() {
        return levelBaseSize;
    }

    /** Growth factor between level sizes. Default 10. */
    public int levelSizeMultiplier() {
        return levelSizeMultiplier;
    }

    /** Size at which a compaction output table is closed. Default 32 MiB. */
    public long targetFileSize() {
        return targetFileSize;
    }

    /**
     * Whether compactions run automatically on a background thread. When false, only {@link
     * LightningDb#compact()} compacts, and writers are not throttled by level-0 growth.
     */
    public boolean backgroundCompaction() {
        return backgroundCompaction;
    }

    /** Transactions that may be open at once; {@link LightningDb#begin()} fails past it. Default 1024. */
    public int maxActiveTransactions() {
        return maxActiveTransactions;
    }

    /** How long a transaction may stay open before it can no longer commit. Default 60 s. */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** The clock that decides when keys written with a time-to-live expire. Default the system UTC clock. */
    public Clock clock() {
        return clock;
    }

    /** Opens the channels the engine writes through; see {@link WriteChannelFactory}. */
    public WriteChannelFactory writeChannelFactory() {
        return writeChannelFactory;
    }

    @Override
    public String toString() {
        return "LightningConfig{cacheSize=" + cacheSize + ", writeBufferSize=" + writeBufferSize + ", blockSize="
                + blockSize + ", maxKeySize=" + maxKeySize + ", maxValueSize=" + maxValueSize + ", walSyncMode="
                + walSyncMode + ", walSyncInterval=" + walSyncInterval + ", walSegmentSize=" + walSegmentSize
                + ", walDirectIo=" + walDirectIo + ", groupCommitYield=" + groupCommitYield + ", compression="
                + compression
                + ", encryption=" + (encryption == null ? "off" : "on") + ", walArchiveDirectory=" + walArchiveDirectory
                + ", backgroundCompaction=" + backgroundCompaction + ", maxActiveTransactions=" + maxActiveTransactions
                + ", transactionTimeout=" + transactionTimeout + '}';
    }

    /** Builds a {@link LightningConfig}; obtain one from {@link LightningConfig#builder()}. */
    public static final class Builder {
        private long cacheSize = 64 * MIB;
        private long writeBufferSize = 64 * MIB;
        private int blockSize = (int) (4 * KIB);
        private int maxKeySize = (int) (64 * KIB);
        private int maxValueSize = (int) (16 * MIB);
        private WalSyncMode walSyncMode = WalSyncMode.SYNC;
        private Duration walSyncInterval = Duration.ofMillis(100);
        private long walSegmentSize = 64 * MIB;
        private boolean walDirectIo = true;
        private boolean groupCommitYield = true;
        private int bloomBitsPerKey = 10;
        private Compression compression = Compression.NONE;
        private int zstdLevel = 3;
        private KeyProvider encryption;
        private java.nio.file.Path walArchiveDirectory;
        private int maxImmutableMemtables = 2;
        private int level0CompactionTrigger = 4;
        private int level0SlowdownTrigger = 12;
        private int level0StopTrigger = 20;
        private long levelBaseSize = 256 * MIB;
        private int levelSizeMultiplier = 10;
        private long targetFileSize = 32 * MIB;
        private boolean backgroundCompaction = true;
        private int maxActiveTransactions = 1024;
        private Duration transactionTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private WriteChannelFactory writeChannelFactory = WriteChannelFactory.DEFAULT;

        private Builder() {}

        private Builder(LightningConfig c) {
            cacheSize = c.cacheSize;
            writeBufferSize = c.writeBufferSize;
            blockSize = c.blockSize;
            maxKeySize = c.maxKeySize;
            maxValueSize = c.maxValueSize;
            walSyncMode = c.walSyncMode;
            walSyncInterval = c.walSyncInterval;
            walSegmentSize = c.walSegmentSize;
            walDirectIo = c.walDirectIo;
            groupCommitYield = c.groupCommitYield;
            bloomBitsPerKey = c.bloomBitsPerKey;
            compression = c.compression;
            zstdLevel = c.zstdLevel;
            encryption = c.encryption;
            walArchiveDirectory = c.walArchiveDirectory;
            maxImmutableMemtables = c.maxImmutableMemtables;
            level0CompactionTrigger = c.level0CompactionTrigger;
            level0SlowdownTrigger = c.level0SlowdownTrigger;
            level0StopTrigger = c.level0StopTrigger;
            levelBaseSize = c.levelBaseSize;
            levelSizeMultiplier = c.levelSizeMultiplier;
            targetFileSize = c.targetFileSize;
            backgroundCompaction = c.backgroundCompaction;
            maxActiveTransactions = c.maxActiveTransactions;
            transactionTimeout = c.transactionTimeout;
            clock = c.clock;
            writeChannelFactory = c.writeChannelFactory;
        }

        public Builder cacheSize(long bytes) {
            cacheSize = atLeast("cacheSize", bytes, 0);
            return this;
        }

        public Builder writeBufferSize(long bytes) {
            writeBufferSize = atLeast("writeBufferSize", bytes, 4 * KIB);
            return this;
        }

        public Builder blockSize(int bytes) {
            blockSize = (int) atLeast("blockSize", bytes, 256);
            return this;
        }

        public Builder maxKeySize(int bytes) {
            maxKeySize = (int) atLeast("maxKeySize", bytes, 1);
            return this;
        }

        public Builder maxValueSize(int bytes) {
            maxValueSize = (int) atLeast("maxValueSize", bytes, 0);
            return this;
        }

        public Builder walSyncMode(WalSyncMode mode) {
            walSyncMode = Objects.requireNonNull(mode, "walSyncMode");
            return this;
        }

        public Builder walSyncInterval(Duration interval) {
            Objects.requireNonNull(interval, "walSyncInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("walSyncInterval must be positive, was " + interval);
            }
            walSyncInterval = interval;
            return this;
        }

        public Builder walSegmentSize(long bytes) {
            walSegmentSize = atLeast("walSegmentSize", bytes, 64 * KIB);
            return this;
        }

        /**
         * Whether SYNC-mode log segments are written with direct, synchronous I/O where the file
         * system takes it (default true); see {@link LightningConfig#walDirectIo()}. Turn it off to
         * keep the log in the page cache, or where a file system takes direct I/O but does it slowly.
         */
        public Builder walDirectIo(boolean enabled) {
            walDirectIo = enabled;
            return this;
        }

        /**
         * Whether, in SYNC mode, writers waiting for a group commit yield their core before they
         * sleep (default true); see {@link LightningConfig#groupCommitYield()}. Turn it off to
         * spend no CPU time on waiting writers, at the cost of fewer fsynced commits per second.
         */
        public Builder groupCommitYield(boolean enabled) {
            groupCommitYield = enabled;
            return this;
        }

        public Builder bloomBitsPerKey(int bits) {
            bloomBitsPerKey = (int) atLeast("bloomBitsPerKey", bits, 0);
            return this;
        }

        /** Codec for new table data blocks; see {@link Compression}. */
        /** Zstandard level, 1 (fastest) to 22 (smallest); see {@link LightningConfig#zstdLevel()}. */
        public Builder zstdLevel(int level) {
            if (level < 1 || level > 22) {
                throw new IllegalArgumentException("zstdLevel must be between 1 and 22, was " + level);
            }
            zstdLevel = level;
            return this;
        }

        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * Turns on encryption at rest with keys from {@code keys}; null turns it off for new data
         * (existing encrypted files then cannot be read).
         */
        public Builder encryption(KeyProvider keys) {
            this.encryption = keys;
            return this;
        }

        /** Encryption with one key, given as base64 of 32 bytes, under key id 1. */
        public Builder encryptionKey(String base64Key) {
            return encryption(KeyProvider.ofBase64(1, Objects.requireNonNull(base64Key, "encryptionKey")));
        }

        /** Encryption with keys from a key file; see {@link KeyProvider#fromFile}. */
        public Builder encryptionKeyFile(java.nio.file.Path keyFile) {
            return encryption(KeyProvider.fromFile(Objects.requireNonNull(keyFile, "encryptionKeyFile")));
        }

        /** Archives retired log segments in {@code dir} (null: delete them); see {@link #walArchiveDirectory()}. */
        public Builder walArchiveDirectory(java.nio.file.Path dir) {
            this.walArchiveDirectory = dir;
            return this;
        }

        public Builder maxImmutableMemtables(int count) {
            maxImmutableMemtables = (int) atLeast("maxImmutableMemtables", count, 1);
            return this;
        }

        public Builder level0CompactionTrigger(int files) {
            level0CompactionTrigger = (int) atLeast("level0CompactionTrigger", files, 1);
            return this;
        }

        public Builder level0SlowdownTrigger(int files) {
            level0SlowdownTrigger = (int) atLeast("level0SlowdownTrigger", files, 1);
            return this;
        }

        public Builder level0StopTrigger(int files) {
            level0StopTrigger = (int) atLeast("level0StopTrigger", files, 1);
            return this;
        }

        public Builder levelBaseSize(long bytes) {
            levelBaseSize = atLeast("levelBaseSize", bytes, 4 * KIB);
            return this;
        }

        public Builder levelSizeMultiplier(int factor) {
            levelSizeMultiplier = (int) atLeast("levelSizeMultiplier", factor, 2);
            return this;
        }

        public Builder targetFileSize(long bytes) {
            targetFileSize = atLeast("targetFileSize", bytes, 4 * KIB);
            return this;
        }

        public Builder backgroundCompaction(boolean enabled) {
            backgroundCompaction = enabled;
            return this;
        }

        public Builder maxActiveTransactions(int count) {
            maxActiveTransactions = (int) atLeast("maxActiveTransactions", count, 1);
            return this;
        }

        public Builder transactionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "transactionTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("transactionTimeout must be positive, was " + timeout);
            }
            transactionTimeout = timeout;
            return this;
        }

        /** The clock for key expiry; tests pass a controllable one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Replaces how write channels are opened: fault injection in tests, wrapped storage. */
        public Builder writeChannelFactory(WriteChannelFactory factory) {
            this.writeChannelFactory = Objects.requireNonNull(factory, "writeChannelFactory");
            return this;
        }

        /** Validates the combination of settings and returns the configuration. */
        public LightningConfig build() {
            if (level0SlowdownTrigger < level0CompactionTrigger || level0StopTrigger < level0SlowdownTrigger) {
                throw new IllegalArgumentException(
                        "level-0 triggers must satisfy compaction (" + level0CompactionTrigger + ") <= slowdown ("
                                + level0SlowdownTrigger + ") <= stop (" + level0StopTrigger + ")");
            }
            return new LightningConfig(this);
        }

        private static long atLeast(String name, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
            }
            return value;
        }
    }
}
