package io.lightningdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theDefaultWarmUpIsAsLongAsTheMeasuredPassWhateverItsSize() {
        assertThat(Settings.defaults().warmupKeys())
                .isEqualTo(Settings.defaults().keys());
        assertThat(Settings.defaults().with(300_000, 10_000, 20).warmupKeys()).isEqualTo(300_000);
        assertThat(Settings.defaults().with(2_000_000, 10_000, 20).warmupKeys()).isEqualTo(2_000_000);
    }

    @Test
    void anExplicitWarmUpIsKeptButNeverLongerThanTheMeasuredPass() {
        Settings sized = Settings.defaults().with(300_000, 10_000, 20);

        assertThat(sized.withWarmup(100_000).warmupKeys()).isEqualTo(100_000);
        assertThat(sized.withWarmup(0).warmupKeys()).isZero();
        assertThat(sized.withWarmup(5_000_000).warmupKeys()).isEqualTo(300_000);
        assertThat(sized.withWarmup(100_000).with(50_000, 100, 1).warmupKeys()).isEqualTo(50_000);
    }
}
