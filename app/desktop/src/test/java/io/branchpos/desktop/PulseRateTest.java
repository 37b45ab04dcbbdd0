package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class PulseRateTest {
    @Test
    void withoutAGivenRateTheTillAsksForAnEightMillisecondTick() {
        Properties p = new Properties();
        assertThat(PulseRate.applyDefault(p)).isEqualTo("125");
        assertThat(p.getProperty("javafx.animation.pulse")).isEqualTo("125");
        assertThat(1000 / Integer.parseInt(p.getProperty("javafx.animation.pulse"))).isEqualTo(8);
    }

    @Test
    void aGivenRateIsLeftAsItIs() {
        Properties p = new Properties();
        p.setProperty("javafx.animation.pulse", "60");
        assertThat(PulseRate.applyDefault(p)).isEqualTo("60");
        assertThat(p.getProperty("javafx.animation.pulse")).isEqualTo("60");
    }
}
