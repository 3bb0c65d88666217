package io.lightningdb.internal.db;

import io.lightningdb.internal.memtable.MemTable;
import io.lightningdb.internal.version.Version;
import java.lang.ref.WeakReference;
import java.util.function.ToLongFunction;

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
 * scan. As in renting skis until the rent paid reaches the price of buying, scans charge the bytes
 * they return, and once the charges reach a rewrite's price the rewrite is due. Scans that stop
 * early never pay for one; scans that keep reading the same data pay for it soon.
 *
 * <ul>
 *   <li>A memtable's price is its bytes. Flushing is work that has to be done anyway; done early, it
 *       costs only a smaller level-0 table to compact later. Measured over 300k random overwrites
 *       above a table (2-core VM): the flush took as long as four to six full scans saved, about
 *       three to four times the memtable's bytes of scans.
 *   <li>Level 0's price is {@link #LEVEL0_PRICE_FACTOR} times the bytes of levels 0 and 1, the
 *       compaction's input when all of level 0 spans most of level 1. A compaction done early has
 *       to be done again when level 0 fills up, so its price is near its full cost. Measured on the
 *       same state once flushed: the compaction took as long as about 8x its input bytes of seeks
 *       (each reading ten entries) saved, and 10x to 50x of full scans. The factor is half the
 *       seeks' figure: the compaction runs on a thread of its own, while each scan waits for its
 *       own reads.
 * </ul>
 *
 * <p>Charges are kept per memtable and per table version, and start again from nothing when either
 * changes; each is due at most once. The accounts are approximate by design: charges from scans of
 * a read view no longer current are dropped by the caller, and a charge racing a change may restart
 * an account for the memtable or version just replaced, losing the new one's charges so far.
 */
final class ScanCharges {
    /** Bytes a scan reads between charges; a scan that reads less charges what it read when closed. */
    static final int CHARGE_EVERY_BYTES = 1 << 20;

    /**
     * A memtable smaller than this is never flushed for scans: its entries mostly stay in the
     * processor's caches however scattered they are, and a flush would only add a small table.
     */
    static final long MIN_MEMTABLE_BYTES = 4L << 20;

    /** Level 0's price in bytes scans return, per byte of levels 0 and 1 (see the class comment). */
    static final int LEVEL0_PRICE_FACTOR = 4;

    private final Account<MemTable> memtable = new Account<>(MemTable::approximateBytes);
    private final Account<Version> level0 = new Account<>(ScanCharges::level0Price);

    /** Charges a scan's bytes to the memtable it read; true (once per memtable) when a flush is due. */
    boolean chargeMemTable(MemTable mem, long bytes) {
        return mem.approximateBytes() >= MIN_MEMTABLE_BYTES && memtable.charge(mem, bytes);
    }

    /**
     * Charges a scan's bytes to the tables it read if level 0 overlaps other tables; true (once per
     * version) when compacting level 0 into level 1 is due.
     */
    boolean chargeLevel0(Version v, long bytes) {
        return level0Overlaps(v) && level0.charge(v, bytes);
    }

    /** Whether level 0 holds tables a scan must merge with each other or with level 1. */
    static boolean level0Overlaps(Version v) {
        int files = v.files(0).size();
        return files > 1 || (files == 1 && !v.files(1).isEmpty());
    }

    private static long level0Price(Version v) {
        return LEVEL0_PRICE_FACTOR * (v.levelBytes(0) + v.levelBytes(1));
    }

    /**
     * Bytes charged to one owner, a memtable or a version, started again when the owner changes.
     * The owner is held weakly: a flushed memtable must not stay in memory for want of a new charge.
     * Prices only grow (a memtable's as it fills; a version's never changes), so the price is looked
     * up again only once the charges reach the one last seen, not on every scan.
     */
    private static final class Account<T> {
        private final ToLongFunction<T> priceOf;
        private WeakReference<T> owner = new WeakReference<>(null);
        private long charged;
        private long lastPrice;
        private boolean due;

        Account(ToLongFunction<T> priceOf) {
            this.priceOf = priceOf;
        }

        synchronized boolean charge(T to, long bytes) {
            if (to != owner.get()) {
                owner = new WeakReference<>(to);
                charged = 0;
                lastPrice = 0;
                due = false;
            }
            if (due) {
                return false;
            }
            charged += bytes;
            if (charged < lastPrice) {
                return false;
            }
            lastPrice = priceOf.applyAsLong(to);
            due = charged >= lastPrice;
            return due;
        }
    }
}
