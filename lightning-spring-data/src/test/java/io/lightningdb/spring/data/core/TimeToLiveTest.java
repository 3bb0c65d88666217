package io.lightningdb.spring.data.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.test.MutableClock;
import io.lightningdb.spring.data.test.Session;
import io.lightningdb.spring.data.test.SessionRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TimeToLiveTest extends SpringTestBase {
    private static final byte[] SESSION_INDEX = KeyCodec.indexPrefix("sessions");

    @Autowired
    SessionRepository sessions;

    @Autowired
    MutableClock clock;

    @Test
    void expiredEntitiesAndTheirIndexEntriesDisappearTogether() {
        sessions.save(new Session("s1", "ann", 60L));
        sessions.save(new Session("s2", "ann", null));
        assertThat(sessions.findByUser("ann")).hasSize(2);
        assertThat(rawCount(SESSION_INDEX)).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));

        assertThat(sessions.findById("s1")).isEmpty();
        assertThat(sessions.findByUser("ann")).extracting(Session::getId).containsExactly("s2");
        assertThat(sessions.count()).isEqualTo(1);
        assertThat(rawCount(SESSION_INDEX)).isEqualTo(1);
    }

    @Test
    void savingAgainRestartsTheCountdown() {
        Session s = sessions.save(new Session("s1", "ann", 60L));
        clock.advance(Duration.ofSeconds(50));
        sessions.save(s);
        clock.advance(Duration.ofSeconds(50));
        assertThat(sessions.findByUser("ann")).hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(sessions.findByUser("ann")).isEmpty();
        assertThat(rawCount(SESSION_INDEX)).isZero();
    }

    @Test
    void removingTheTimeToLiveMakesTheEntityPermanent() {
        Session s = sessions.save(new Session("s1", "ann", 60L));
        s.setTtlSeconds(null);
        sessions.save(s);
        clock.advance(Duration.ofDays(1));
        assertThat(sessions.findByUser("ann")).hasSize(1);
    }
}
