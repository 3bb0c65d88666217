package io.lightningdb.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lightningdb.internal.key.Mutation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A follower's wait for its turn, in each of its phases: whichever phase it is in when the leader
 * finishes it or hands it the lead, it returns with the right answer. Each phase is given an hour,
 * so a follower that missed the leader's call would fail the test's timeout instead of passing late.
 */
@Timeout(60)
class WriterTest {
    private static final long HOUR = 3_600_000_000_000L; // an hour in nanoseconds

    @ParameterizedTest(name = "spin {0} ns, yield {1} ns")
    @CsvSource({"0, 0", HOUR + ", 0", "0, " + HOUR, HOUR + ", " + HOUR})
    void aFollowerFinishedByTheLeaderReturnsFalse(long spinNanos, long yieldNanos) throws Exception {
        assertThat(awaitTurn(spinNanos, yieldNanos, Writer::finish)).isFalse();
    }

    @ParameterizedTest(name = "spin {0} ns, yield {1} ns")
    @CsvSource({"0, 0", HOUR + ", 0", "0, " + HOUR, HOUR + ", " + HOUR})
    void aFollowerHandedTheLeadReturnsTrue(long spinNanos, long yieldNanos) throws Exception {
        assertThat(awaitTurn(spinNanos, yieldNanos, Writer::lead)).isTrue();
    }

    @Test
    void anInterruptWhileParkedIsHeldBackUntilTheTurnComes() throws Exception {
        CompletableFuture<Writer> created = new CompletableFuture<>();
        CompletableFuture<Boolean> led = new CompletableFuture<>();
        Thread follower = new Thread(() -> {
            Writer w = new Writer(new Mutation[0], null, false);
            created.complete(w);
            led.complete(w.awaitTurn(0, 0));
        });
        follower.start();
        Writer w = created.get();
        follower.interrupt();
        await().until(() -> follower.getState() == Thread.State.WAITING); // parked again after the interrupt
        assertThat(led).isNotDone();

        w.finish();
        assertThat(led.get()).isFalse();
        assertThat(w.interrupted).isTrue();
    }

    /** Runs {@code awaitTurn} on a follower thread and lets the leader call {@code leader} on it. */
    private static boolean awaitTurn(long spinNanos, long yieldNanos, Consumer<Writer> leader) throws Exception {
        CompletableFuture<Writer> created = new CompletableFuture<>();
        CompletableFuture<Boolean> led = new CompletableFuture<>();
        Thread follower = new Thread(() -> {
            Writer w = new Writer(new Mutation[0], null, false); // a writer waits on the thread that made it
            created.complete(w);
            led.complete(w.awaitTurn(spinNanos, yieldNanos));
        });
        follower.start();
        Writer w = created.get();
        Thread.sleep(20); // lets the follower reach the phase it was given an hour for
        leader.accept(w);
        follower.join();
        return led.get();
    }
}
