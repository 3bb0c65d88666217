package io.lightningdb.txn;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.ReadOperations;
import io.lightningdb.WalSyncMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the transaction, snapshot and TTL tests. */
final class TxnTestSupport {
    private TxnTestSupport() {}

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    /**
     * A configuration for fast tests: NORMAL durability (no fsync per commit), no background
     * compaction (so tests decide when levels change), small memtables and files.
     */
    static LightningConfig.Builder fastConfig() {
        return LightningConfig.builder()
                .walSyncMode(WalSyncMode.NORMAL)
                .backgroundCompaction(false)
                .writeBufferSize(64 * 1024)
                .targetFileSize(64 * 1024)
                .cacheSize(1 << 20);
    }

    /** Every entry of {@code range} in scan order, as UTF-8 strings. */
    static Map<String, String> scan(ReadOperations reads, KeyRange range) {
        Map<String, String> out = new LinkedHashMap<>();
        try (KvIterator it = reads.scan(range)) {
            while (it.next()) {
                out.put(it.keyAsString(), it.valueAsString());
            }
        }
        return out;
    }

    /** The keys of {@code range} in scan order. */
    static List<String> scanKeys(ReadOperations reads, KeyRange range) {
        return new ArrayList<>(scan(reads, range).keySet());
    }

    /** {@code getBatch} with UTF-8 keys and values. */
    static List<String> getBatch(ReadOperations reads, String... keys) {
        List<byte[]> in = new ArrayList<>();
        for (String k : keys) {
            in.add(bytes(k));
        }
        List<String> out = new ArrayList<>();
        for (byte[] v : reads.getBatch(in)) {
            out.add(string(v));
        }
        return out;
    }
}
