package io.lightningdb.crash;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.WriteBatch;
import io.lightningdb.testutil.ChildJvm;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link CrashTest}: opens a database, reports the state it recovered, then writes
 * until it is killed, reporting every write before and after it is acknowledged.
 *
 * <p>Usage: {@code CrashWorker <dir> <SYNC|NORMAL|ASYNC> <seed> <first-iteration>}. Protocol on
 * stdout, one line each, every line ending with {@code ;} so that a line cut short by the kill can
 * be recognised:
 *
 * <pre>
 * S &lt;key-index&gt; &lt;value&gt;;        one per key in the recovered database, ascending
 * READY;
 * W &lt;iteration&gt; &lt;P|D|B&gt; &lt;ops&gt;;  about to write; ops: +index (put), -index (delete), comma separated
 * A &lt;iteration&gt; [existed];       the write returned (existed: what a single delete returned)
 * </pre>
 *
 * <p>Values are derived from (iteration, key index) by {@link #valueFor}, so the parent can rebuild
 * any state from the lines alone.
 */
public final class CrashWorker {
    /** Number of distinct keys; with values up to ~400 bytes the live data outgrows level 1. */
    static final int KEY_COUNT = 2000;

    private CrashWorker() {}

    /** Small sizes, so that the workload flushes, rotates the log and compacts every few seconds. */
    static LightningConfig config(WalSyncMode mode) {
        return LightningConfig.builder()
                .walSyncMode(mode)
                .walSyncInterval(Duration.ofMillis(20))
                .writeBufferSize(64 * 1024)
                .targetFileSize(64 * 1024)
                .levelBaseSize(256 * 1024)
                .walSegmentSize(64 * 1024)
                .build();
    }

    static String key(int index) {
        return String.format("key-%05d", index);
    }

    static int keyIndex(String key) {
        if (!key.matches("key-\\d{5}")) {
            throw new IllegalArgumentException("unexpected key in the database: " + key);
        }
        return Integer.parseInt(key.substring(4));
    }

    /** The value {@code iteration} writes under key {@code index}, with 0 to 399 bytes of padding. */
    static String valueFor(long iteration, int index) {
        int padding = (int) ((iteration * 7919 + index * 31L) % 400);
        StringBuilder value = new StringBuilder("v")
                .append(iteration)
                .append('/')
                .append(index)
                .append('/');
        for (int i = 0; i < padding; i++) {
            value.append((char) ('a' + (iteration + i) % 26));
        }
        return value.toString();
    }

    public static void main(String[] args) {
        PrintStream out = ChildJvm.protocolOut();
        Path dir = Path.of(args[0]);
        WalSyncMode mode = WalSyncMode.valueOf(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        long iteration = Long.parseLong(args[3]);

        // Never closed: the parent kills this JVM.
        LightningDb db = LightningDb.open(dir, config(mode));
        try (KvIterator it = db.scan(KeyRange.all())) {
            while (it.next()) {
                out.println("S " + keyIndex(it.keyAsString()) + " " + it.valueAsString() + ";");
            }
        }
        out.println("READY;");
        out.flush();
        while (true) {
            writeOne(db, out, random, iteration++);
        }
    }

    private static void writeOne(LightningDb db, PrintStream out, Random random, long iteration) {
        int choice = random.nextInt(100);
        if (choice < 45) {
            int index = random.nextInt(KEY_COUNT);
            report(out, "W " + iteration + " P +" + index + ";");
            db.put(key(index), valueFor(iteration, index));
            report(out, "A " + iteration + ";");
        } else if (choice < 60) {
            int index = random.nextInt(KEY_COUNT);
            report(out, "W " + iteration + " D -" + index + ";");
            boolean existed = db.delete(key(index));
            report(out, "A " + iteration + " " + existed + ";");
        } else {
            WriteBatch batch = WriteBatch.create();
            List<String> ops = new ArrayList<>();
            // Neighbouring keys, so a batch spans a key range and sometimes names one key twice.
            int base = random.nextInt(KEY_COUNT - 32);
            int size = 2 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                int index = base + random.nextInt(32);
                if (random.nextInt(5) == 0) {
                    batch.delete(key(index));
                    ops.add("-" + index);
                } else {
                    batch.put(key(index), valueFor(iteration, index));
                    ops.add("+" + index);
                }
            }
            report(out, "W " + iteration + " B " + String.join(",", ops) + ";");
            db.write(batch);
            report(out, "A " + iteration + ";");
        }
    }

    private static void report(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }
}
