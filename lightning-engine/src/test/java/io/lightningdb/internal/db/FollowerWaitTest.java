package io.lightningdb.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningConfig;
import io.lightningdb.WalSyncMode;
import org.junit.jupiter.api.Test;

/** How long a follower spins and yields before it parks, by configuration and the last commit's duration. */
class FollowerWaitTest {
    private static LightningConfig config(WalSyncMode mode, boolean groupCommitYield) {
        return LightningConfig.builder()
                .walSyncMode(mode)
                .groupCommitYield(groupCommitYield)
                .build();
    }

    @Test
    void withoutAnFsyncPerCommitAFollowerSpinsAndNeverYields() {
        FollowerWait wait = new FollowerWait(config(WalSyncMode.NORMAL, true));
        wait.commitTook(100_000);

        assertThat(wait.spinNanos()).isEqualTo(FollowerWait.SPIN_NANOS);
        assertThat(wait.yieldNanos()).isZero();
    }

    @Test
    void withAnFsyncPerCommitAFollowerNeverSpinsAndYieldsNothingBeforeTheFirstCommit() {
        FollowerWait wait = new FollowerWait(config(WalSyncMode.SYNC, true));

        assertThat(wait.spinNanos()).isZero();
        assertThat(wait.yieldNanos()).isZero();
    }

    @Test
    void aFollowerYieldsForSeveralCommitsAsLongAsTheLast() {
        FollowerWait wait = new FollowerWait(config(WalSyncMode.SYNC, true));
        wait.commitTook(80_000);
        assertThat(wait.yieldNanos()).isEqualTo(FollowerWait.YIELD_COMMITS * 80_000L);

        wait.commitTook(20_000);
        assertThat(wait.yieldNanos()).isEqualTo(FollowerWait.YIELD_COMMITS * 20_000L);
    }

    @Test
    void withYieldingTurnedOffAFollowerParksAtOnceThroughAnFsync() {
        FollowerWait wait = new FollowerWait(config(WalSyncMode.SYNC, false));
        wait.commitTook(80_000);

        assertThat(wait.spinNanos()).isZero();
        assertThat(wait.yieldNanos()).isZero();
    }

    @Test
    void aFollowerDoesNotYieldThroughSlowCommits() {
        FollowerWait wait = new FollowerWait(config(WalSyncMode.SYNC, true));
        wait.commitTook(FollowerWait.MAX_YIELDING_COMMIT_NANOS);
        assertThat(wait.yieldNanos()).isEqualTo(FollowerWait.YIELD_COMMITS * FollowerWait.MAX_YIELDING_COMMIT_NANOS);

        wait.commitTook(FollowerWait.MAX_YIELDING_COMMIT_NANOS + 1);
        assertThat(wait.yieldNanos()).isZero();
    }
}
