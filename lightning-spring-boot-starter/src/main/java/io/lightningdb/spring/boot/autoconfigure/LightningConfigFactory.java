package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.LightningConfig;
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
        LightningProperties.Transactions tx = properties.getTransactions();
        set("transactions.max-active", tx.getMaxActive(), b::maxActiveTransactions);
        set("transactions.timeout", tx.getTimeout(), b::transactionTimeout);
        b.backgroundCompaction(properties.getCompaction().isBackground());
        return b;
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
