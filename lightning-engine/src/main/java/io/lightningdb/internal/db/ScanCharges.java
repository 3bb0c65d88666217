package io.lightningdb.internal.db;

import io.lightningdb.internal.memtable.MemTable;
import io.lightningdb.internal.version.Version;
import java.lang.ref.WeakReference;

/**
 * Decides when scans have paid for rewriting what they read, so that later scans read it faster.
 *
 * <p>A scan reads a table's entries in key order from blocks laid out in key order. It reads a
 * memtable's entries in key order too, but they lie in the order they arrived, scattered over the
 * memtable's arena: each costs a cache miss once the memtable outgrows the processor's caches,
 * about three times a table entry's cost for random-order writes. And a scan over several tables
 * whose keys overlap (level-0 tables, or level 0 above level 1) merges them entry by entry and
 * passes over the older versions they hold.
 *
 * <p>Flushing the memtable, or compacting level 0 into level 1, removes that cost for every later
 * scan, at a price of about the bytes it rewrites. As in renting skis until the rent paid equals
 * the price of buying: once scans have read as many bytes through the memtable (or the overlapping
 * tables) as the rewrite would write, the rewrite is due. Scans that keep reading the same data
 * then pay at most about twice what they would have paid had it been rewritten at once, and scans
 * that stop early never pay for a rewrite.
 *
 * <p>Charges are kept per memtable and per table version, and start again from nothing when either
 * changes; each is due at most once. The accounts are approximate by design: charges from scans of
 * an older read view are dropped by the caller, and a charge that races a change may land on the
 * new owner.
 */
final class ScanCharges {
    /** Bytes a scan reads between charges; a scan that reads less charges what it read when closed. */
    static final int CHARGE_EVERY_BYTES = 1 << 20;

    /**
     * A memtable smaller than this is never flushed for scans: its entries mostly stay in the
     * processor's caches however scattered they are, and a flush would only add a small table.
     */
    static final long MIN_MEMTABLE_BYTES = 4L << 20;

    private final Account memtable = new Account();
    private final Account level0 = new Account();

    /** Charges a scan's bytes to the memtable it read; true (once per memtable) when a flush is due. */
    boolean chargeMemTable(MemTable mem, long bytes) {
        long price = mem.approximateBytes();
        return price >= MIN_MEMTABLE_BYTES && memtable.charge(mem, bytes, price);
    }

    /**
     * Charges a scan's bytes to the tables it read if level 0 overlaps other tables; true (once per
     * version) when compacting level 0 into level 1 is due. The price counts level 1 whole: a
     * compaction of all of level 0 usually spans most of its key range.
     */
    boolean chargeLevel0(Version v, long bytes) {
        return level0Overlaps(v) && level0.charge(v, bytes, v.levelBytes(0) + v.levelBytes(1));
    }

    /** Whether level 0 holds tables a scan must merge with each other or with level 1. */
    static boolean level0Overlaps(Version v) {
        int files = v.files(0).size();
        return files > 1 || (files == 1 && !v.files(1).isEmpty());
    }

    /**
     * Bytes charged to one owner, a memtable or a version, started again when the owner changes.
     * The owner is held weakly: a flushed memtable must not stay in memory for want of a new charge.
     */
    private static final class Account {
        private WeakReference<Object> owner = new WeakReference<>(null);
        private long charged;
        private boolean due;

        synchronized boolean charge(Object to, long bytes, long price) {
            if (to != owner.get()) {
                owner = new WeakReference<>(to);
                charged = 0;
                due = false;
            }
            if (due) {
                return false;
            }
            charged += bytes;
            due = charged >= price;
            return due;
        }
    }
}
