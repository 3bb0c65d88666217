package io.lightningdb.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The group-commit leader's wait for the previous group's writers, on a clock the test sets. */
class CommitGatheringTest {
    private static final long COMMIT = 100_000; // a 100 µs fsync
    private final CommitGathering gathering = new CommitGathering();

    @Test
    void nothingIsAwaitedBeforeTheFirstGroup() {
        assertThat(gathering.nanosToWait(0)).isZero();
        assertThat(gathering.writerQueued()).isFalse();
    }

    @Test
    void aLeaderWaitsUntilTheDeadlineSetWhenThePreviousGroupFinished() {
        gathering.groupDone(4, COMMIT, 1_000);
        gathering.writerQueued(); // the first one back leads

        assertThat(gathering.nanosToWait(1_000)).isEqualTo(COMMIT / 2);
        assertThat(gathering.nanosToWait(21_000)).isEqualTo(COMMIT / 2 - 20_000);
    }

    @Test
    void theWaitEndsWhenAsManyWritersAsThePreviousGroupHadHaveQueued() {
        gathering.groupDone(3, COMMIT, 0);

        assertThat(gathering.writerQueued()).isFalse();
        assertThat(gathering.writerQueued()).isFalse();
        assertThat(gathering.writerQueued())
                .as("the last one back wakes the leader")
                .isTrue();
        assertThat(gathering.nanosToWait(10)).isZero();
        assertThat(gathering.writerQueued()).as("later writers are not awaited").isFalse();
    }

    @Test
    void awaitingTellsALeaderWithoutTheLockWhetherWritersAreStillExpected() {
        assertThat(gathering.awaiting()).as("before the first group").isFalse();

        gathering.groupDone(2, COMMIT, 0);
        assertThat(gathering.awaiting()).isTrue();
        gathering.writerQueued();
        assertThat(gathering.awaiting()).as("one of two back").isTrue();
        gathering.writerQueued();
        assertThat(gathering.awaiting()).as("both back").isFalse();
        gathering.writerQueued();
        assertThat(gathering.awaiting()).as("a later writer").isFalse();

        gathering.groupDone(3, COMMIT, 0);
        gathering.writerQueued();
        assertThat(gathering.nanosToWait(COMMIT)).isZero();
        assertThat(gathering.awaiting()).as("given up on at the deadline").isFalse();
    }

    @Test
    void aSingleWriterNeverWaitsForItself() {
        gathering.groupDone(1, COMMIT, 0);

        assertThat(gathering.writerQueued()).isTrue();
        assertThat(gathering.nanosToWait(10)).isZero();
    }

    @Test
    void aWriterArrivingAfterTheDeadlineDoesNotWaitAndLaterOnesDoNotEither() {
        gathering.groupDone(4, COMMIT, 0);
        gathering.writerQueued();

        assertThat(gathering.nanosToWait(COMMIT)).isZero();
        assertThat(gathering.nanosToWait(COMMIT / 4))
                .as("once the deadline passed, the missing writers are given up on")
                .isZero();
    }

    @Test
    void theWaitIsHalfTheCommitAtMostAndNeverLongerThanTheCap() {
        gathering.groupDone(2, 10 * CommitGathering.MAX_WAIT_NANOS, 0);

        assertThat(gathering.nanosToWait(0)).isEqualTo(CommitGathering.MAX_WAIT_NANOS);
    }
}
