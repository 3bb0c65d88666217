package io.lightningdb.txn;

import static io.lightningdb.txn.TxnTestSupport.bytes;
import static io.lightningdb.txn.TxnTestSupport.fastConfig;
import static io.lightningdb.txn.TxnTestSupport.getBatch;
import static io.lightningdb.txn.TxnTestSupport.scan;
import static io.lightningdb.txn.TxnTestSupport.scanKeys;
import static io.lightningdb.txn.TxnTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.lightningdb.KeyRange;
import io.lightningdb.LightningDb;
import io.lightningdb.Snapshot;
import io.lightningdb.Transaction;
import io.lightningdb.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys with a time-to-live, judged by a clock the test moves: visible until expiry and invisible
 * to every kind of read right after; set by puts, batches and transactions (from commit);
 * cleared by a plain overwrite; surviving restarts; physically removed by compaction without
 * resurrecting older values.
 */
class TtlTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration JUST_BEFORE = TTL.minusMillis(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private LightningDb db;

    @BeforeEach
    void open() {
        db = reopen();
    }

    private LightningDb reopen() {
        return LightningDb.open(
                dir,
                fastConfig()
                        .clock(clock)
                        .transactionTimeout(Duration.ofHours(1))
                        .build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Asserts that every read path sees {@code key} with {@code value}, or sees nothing when null. */
    private void assertEverywhere(String key, String value) {
        assertThat(db.get(key)).as("get %s", key).isEqualTo(value);
        assertThat(db.exists(key)).as("exists %s", key).isEqualTo(value != null);
        assertThat(getBatch(db, key, "absent")).as("getBatch %s", key).containsExactly(value, null);
        assertThat(scan(db, KeyRange.prefix(key)).get(key)).as("scan %s", key).isEqualTo(value);
        assertThat(scan(db, KeyRange.all().reverse()).get(key))
                .as("reverse scan %s", key)
                .isEqualTo(value);
        try (Snapshot s = db.snapshot()) {
            assertThat(s.get(key)).as("snapshot get %s", key).isEqualTo(value);
            assertThat(scan(s, KeyRange.all()).get(key))
                    .as("snapshot scan %s", key)
                    .isEqualTo(value);
        }
        try (Transaction tx = db.begin()) {
            assertThat(tx.get(key)).as("transaction get %s", key).isEqualTo(value);
            assertThat(scan(tx, KeyRange.all()).get(key))
                    .as("transaction scan %s", key)
                    .isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {false, true})
    void keyIsVisibleUntilItExpiresAndInvisibleRightAfter(boolean flushed) {
        db.put("plain", "forever");
        db.put("session", "abc", TTL);
        db.put(bytes("token"), bytes("xyz"), TTL.multipliedBy(2));
        if (flushed) {
            db.flush();
        }
        clock.advance(JUST_BEFORE);
        assertEverywhere("session", "abc");
        assertEverywhere("token", "xyz");
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("plain", "session", "token");

        clock.advance(Duration.ofMillis(1));
        assertEverywhere("session", null);
        assertEverywhere("token", "xyz");
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("plain", "token");
        assertThat(scanKeys(db, KeyRange.all().reverse())).containsExactly("token", "plain");

        clock.advance(TTL);
        assertEverywhere("token", null);
        assertEverywhere("plain", "forever");
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("plain");
    }

    @Test
    void snapshotsAndTransactionsOpenedBeforeExpiryStopSeeingTheKeyAfterIt() {
        db.put("session", "abc", TTL);
        try (Snapshot s = db.snapshot();
                Transaction tx = db.begin()) {
            assertThat(s.get("session")).isEqualTo("abc");
            assertThat(tx.get("session")).isEqualTo("abc");
            clock.advance(TTL);
            assertThat(s.get("session")).isNull();
            assertThat(s.exists("session")).isFalse();
            assertThat(getBatch(s, "session")).containsExactly((String) null);
            assertThat(scanKeys(s, KeyRange.all())).isEmpty();
            assertThat(tx.get("session")).isNull();
            assertThat(getBatch(tx, "session")).containsExactly((String) null);
            assertThat(scanKeys(tx, KeyRange.all())).isEmpty();
        }
    }

    @Test
    void deleteReportsWhetherTheKeyWasStillLive() {
        db.put("a", "1", TTL);
        db.put("b", "1", TTL);
        assertThat(db.delete("a")).isTrue();
        clock.advance(TTL);
        assertThat(db.delete("b")).isFalse();
        assertThat(db.get("a")).isNull();
    }

    @Test
    void batchPutsExpire() {
        db.write(WriteBatch.create()
                .put("short", "1", TTL)
                .put(bytes("long"), bytes("2"), TTL.multipliedBy(3))
                .put("plain", "3"));
        clock.advance(JUST_BEFORE);
        assertThat(getBatch(db, "short", "long", "plain")).containsExactly("1", "2", "3");
        clock.advance(Duration.ofMillis(1));
        assertThat(getBatch(db, "short", "long", "plain")).containsExactly(null, "2", "3");
        clock.advance(TTL.multipliedBy(2));
        assertThat(getBatch(db, "short", "long", "plain")).containsExactly(null, null, "3");
        assertThatThrownBy(() -> WriteBatch.create().put("k", "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.put("k", "v", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.get("k")).isNull();
    }

    @Test
    void transactionPutExpiresCountingFromCommit() {
        Transaction tx = db.begin();
        tx.put("k", "v", TTL);
        tx.put(bytes("k2"), bytes("v2"), TTL);
        assertThat(tx.get("k")).isEqualTo("v"); // read-your-writes before commit
        clock.advance(Duration.ofSeconds(20)); // time spent before the commit does not count
        tx.commit();
        clock.advance(JUST_BEFORE);
        assertThat(db.get("k")).isEqualTo("v");
        assertThat(db.get("k2")).isEqualTo("v2");
        clock.advance(Duration.ofMillis(1));
        assertThat(db.get("k")).isNull();
        assertThat(db.get("k2")).isNull();
        assertThatThrownBy(() -> {
                    try (Transaction t = db.begin()) {
                        t.put("k", "v", Duration.ZERO);
                    }
                })
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainOverwriteRemovesTheExpiryAndTtlOverwriteReplacesIt() {
        db.put("a", "temporary", TTL);
        db.put("a", "permanent");
        db.put("b", "permanent");
        db.flush();
        db.put("b", "temporary", TTL); // a TTL put over a plain value expires the key
        db.put("c", "first", TTL);
        db.put("c", "second", TTL.multipliedBy(4)); // a later TTL replaces the earlier one
        try (Transaction tx = db.begin()) {
            tx.put("d", "tx", TTL);
            tx.commit();
        }
        try (Transaction tx = db.begin()) {
            tx.put("d", "tx permanent");
            tx.commit();
        }
        clock.advance(TTL.multipliedBy(2));
        assertThat(db.get("a")).isEqualTo("permanent");
        assertThat(db.get("b")).isNull();
        assertThat(db.get("c")).isEqualTo("second");
        assertThat(db.get("d")).isEqualTo("tx permanent");
        clock.advance(TTL.multipliedBy(2));
        assertThat(db.get("c")).isNull();
        db.compact();
        assertThat(scan(db, KeyRange.all())).containsExactly(entry("a", "permanent"), entry("d", "tx permanent"));
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {false, true})
    void expirySurvivesRestart(boolean flushed) {
        db.put("session", "abc", TTL);
        db.put("plain", "p");
        if (flushed) {
            db.flush();
        }
        db.close();
        db = reopen(); // the log (or the table) carries the absolute expiry instant
        assertThat(db.get("session")).isEqualTo("abc");
        clock.advance(JUST_BEFORE);
        db.close();
        db = reopen();
        assertThat(db.get("session")).isEqualTo("abc");
        clock.advance(Duration.ofMillis(1));
        assertThat(db.get("session")).isNull();
        db.close();
        db = reopen();
        assertThat(db.get("session")).isNull();
        assertThat(scan(db, KeyRange.all())).containsExactly(entry("plain", "p"));
    }

    @Test
    void compactionPhysicallyDropsExpiredKeys() {
        String big = "x".repeat(200);
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < 300; i++) {
            batch.put(String.format("exp:%04d", i), big, TTL);
        }
        db.write(batch);
        db.put("keep", "k");
        db.flush();
        long before = db.stats().totalTableBytes();
        assertThat(before).isGreaterThan(300 * 200);
        clock.advance(TTL);
        db.compact();
        assertThat(db.stats().totalTableBytes()).isLessThan(before / 10);
        assertThat(scan(db, KeyRange.all())).containsExactly(entry("keep", "k"));
    }

    @Test
    void compactionDropsKeysThatExpireAfterTheyReachedTheLastLevel() {
        String big = "x".repeat(200);
        WriteBatch batch = WriteBatch.create();
        for (int i = 0; i < 300; i++) {
            batch.put(String.format("exp:%04d", i), big, TTL);
        }
        db.write(batch);
        db.put("keep", "k");
        db.compact(); // the expiring keys, still live, now lie in the last level
        long before = db.stats().totalTableBytes();
        assertThat(before).isGreaterThan(300 * 200);
        clock.advance(TTL);
        db.compact();
        assertThat(scan(db, KeyRange.all())).containsExactly(entry("keep", "k"));
        assertThat(db.stats().totalTableBytes())
                .as("table bytes after compacting expired keys (before: %d)", before)
                .isLessThan(before / 10);
    }

    @Test
    void anExpiredValueDoesNotResurrectAnOlderValueFromADeeperLevel() {
        db.put("k", "v1 plain");
        db.put("other", "o");
        db.flush();
        db.compact(); // v1 goes deep
        db.put("k", "v2 expiring", TTL);
        db.flush();
        assertThat(db.get("k")).isEqualTo("v2 expiring");
        clock.advance(TTL);
        assertThat(db.get("k")).isNull();
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("other");
        db.compact();
        assertThat(db.get("k")).isNull();
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("other");
        assertThat(scanKeys(db, KeyRange.all().reverse())).containsExactly("other");
        db.close();
        db = reopen();
        assertThat(db.get("k")).isNull();
        db.compact();
        assertThat(db.get("k")).isNull();
        assertThat(scanKeys(db, KeyRange.all())).containsExactly("other");
    }

    @Test
    void expiredValueInTheMemtableHidesAnOlderTableValue() {
        db.put("k", "old");
        db.flush();
        db.put("k", "new", TTL);
        clock.advance(TTL);
        assertThat(db.get("k")).isNull();
        assertThat(scanKeys(db, KeyRange.all())).isEmpty();
        assertThat(scanKeys(db, KeyRange.all().reverse())).isEmpty();
        db.flush();
        assertThat(db.get("k")).isNull();
        assertThat(string(db.get(bytes("k")))).isNull();
    }

    @Test
    void snapshotOlderThanATtlOverwriteStillSeesThePlainValueAfterCompaction() {
        db.put("k", "plain");
        db.flush();
        db.compact();
        try (Snapshot s = db.snapshot()) {
            db.put("k", "expiring", TTL);
            clock.advance(TTL);
            db.compact();
            assertThat(db.get("k")).isNull();
            assertThat(s.get("k")).isEqualTo("plain");
            assertThat(scan(s, KeyRange.all())).containsExactly(entry("k", "plain"));
        }
    }
}
