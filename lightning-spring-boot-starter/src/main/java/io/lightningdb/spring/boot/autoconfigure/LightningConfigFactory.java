package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.KeyProvider;
import io.lightningdb.LightningConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link LightningProperties} into a {@link LightningConfig}. The engine's builder validates
 * each setting; a rejected value is rethrown as {@link InvalidConfigurationPropertyValueException}
 * naming the {@code lightning.db.*} property, which Spring Boot reports clearly at start-up.
 *
 * <pre>{@code
 * LightningConfig config = LightningConfigFactory.create(properties).build();
 * }</pre>
 */
public final class LightningConfigFactory {
    private static final String PREFIX = "lightning.db.";

    private LightningConfigFactory() {}

    /** A builder holding every engine setting of {@code properties}. */
    public static LightningConfig.Builder create(LightningProperties properties) {
        return create(properties, null);
    }

    /**
     * A builder holding every engine setting of {@code properties}, encrypting with {@code
     * keyProvider} when it is not null (it then takes precedence over {@code
     * lightning.db.encryption.*}).
     */
    public static LightningConfig.Builder create(LightningProperties properties, KeyProvider keyProvider) {
        LightningConfig.Builder b = LightningConfig.builder();
        set("cache-size", properties.getCacheSize(), v -> b.cacheSize(v.toBytes()));
        set("write-buffer-size", properties.getWriteBufferSize(), v -> b.writeBufferSize(v.toBytes()));
        set("block-size", properties.getBlockSize(), v -> b.blockSize(toInt(v)));
        set("max-key-size", properties.getMaxKeySize(), v -> b.maxKeySize(toInt(v)));
        set("max-value-size", properties.getMaxValueSize(), v -> b.maxValueSize(toInt(v)));
        LightningProperties.Wal wal = properties.getWal();
        set("wal.sync-mode", wal.getSyncMode(), b::walSyncMode);
        set("wal.sync-interval", wal.getSyncInterval(), b::walSyncInterval);
        set("wal.segment-size", wal.getSegmentSize(), v -> b.walSegmentSize(v.toBytes()));
        b.walDirectIo(wal.isDirectIo());
        b.groupCommitYield(wal.isGroupCommitYield());
        LightningProperties.Transactions tx = properties.getTransactions();
        set("transactions.max-active", tx.getMaxActive(), b::maxActiveTransactions);
        set("transactions.timeout", tx.getTimeout(), b::transactionTimeout);
        b.backgroundCompaction(properties.getCompaction().isBackground());
        set("compression.type", properties.getCompression().getType(), b::compression);
        set("compression.zstd-level", properties.getCompression().getZstdLevel(), b::zstdLevel);
        b.encryption(EncryptionKeys.resolve(properties.getEncryption(), keyProvider));
        LightningProperties.Backup backup = properties.getBackup();
        validateBackup(properties.getPath(), backup);
        if (backup.getWalArchiveDirectory() != null) {
            b.walArchiveDirectory(backup.getWalArchiveDirectory().toAbsolutePath());
        }
        return b;
    }

    private static void validateBackup(Path dbPath, LightningProperties.Backup backup) {
        Integer keep = backup.getKeep();
        if (keep != null && keep < 1) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + "backup.keep", keep, "At least 1: the backup just taken is always kept");
        }
        if (keep != null && backup.getDirectory() == null) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + "backup.keep", keep, "Set lightning.db.backup.directory too: keep applies to its points");
        }
        // A copy inside the directory it protects would be lost with it (and mixed with its files).
        requireOutside(dbPath, "backup.directory", backup.getDirectory());
        requireOutside(dbPath, "backup.wal-archive-directory", backup.getWalArchiveDirectory());
    }

    private static void requireOutside(Path dbPath, String name, Path dir) {
        if (dir == null || dbPath == null) {
            return;
        }
        Path db = dbPath.toAbsolutePath().normalize();
        if (dir.toAbsolutePath().normalize().startsWith(db)) {
            throw new InvalidConfigurationPropertyValueException(
                    PREFIX + name, dir, "Must be outside the database directory " + db);
        }
    }

    private static <T> void set(String name, T value, Consumer<T> setter) {
        if (value == null) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + name, null, "A value is required");
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + name, value, e.getMessage(), e);
        }
    }

    private static int toInt(DataSize size) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + " bytes, was " + bytes);
        }
        return (int) bytes;
    }
}
