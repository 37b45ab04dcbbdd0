package io.branchpos.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.scan.WedgeBurstDetector.Config;
import io.branchpos.hardware.scan.WedgeBurstDetector.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WedgeBurstDetectorTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** Feeds text with a fixed gap between keys, then polls well after the last key. */
    private static List<Output> feed(WedgeBurstDetector d, String keys, long gapMillis) {
        List<Output> out = new ArrayList<>();
        Instant t = T0;
        for (char c : keys.toCharArray()) {
            out.addAll(d.onKey(c, t));
            t = t.plusMillis(gapMillis);
        }
        out.addAll(d.poll(t.plusSeconds(1)));
        return out;
    }

    @ParameterizedTest(name = "{0} ms between keys")
    @CsvSource(textBlock = """
            1
            8
            20
            35
            """)
    void scannerSpeedBurstWithEnterIsAScan(long gap) {
        WedgeBurstDetector d = new WedgeBurstDetector(Config.defaults());
        assertThat(feed(d, "4006381333931\r", gap)).containsExactly(new Output.Scan("4006381333931"));
    }

    @ParameterizedTest(name = "{0} ms between keys")
    @CsvSource(textBlock = """
            36
            90
            250
            """)
    void humanSpeedTypingIsDeliveredAsTyped(long gap) {
        WedgeBurstDetector d = new WedgeBurstDetector(Config.defaults());
        List<Output> out = feed(d, "4006381\r", gap);
        assertThat(out).allMatch(o -> o instanceof Output.Typed);
        assertThat(out.stream().map(o -> ((Output.Typed) o).text()).reduce("", String::concat)).isEqualTo("4006381\r");
    }

    @Test
    void shortFastBurstWithEnterIsTyped() {
        WedgeBurstDetector d = new WedgeBurstDetector(Config.defaults());
        assertThat(feed(d, "12\r", 5)).containsExactly(new Output.Typed("12\r"));
    }

    @Test
    void heldCharactersAreReleasedWhenTheKeyboardGoesIdle() {
        WedgeBurstDetector d = new WedgeBurstDetector(Config.defaults());
        assertThat(d.onKey('a', T0)).isEmpty();
        assertThat(d.isHolding()).isTrue();
        assertThat(d.poll(T0.plusMillis(20))).isEmpty();
        assertThat(d.poll(T0.plusMillis(36))).containsExactly(new Output.Typed("a"));
        assertThat(d.isHolding()).isFalse();
    }

    @Test
    void typingThenAScanSeparatesTheTwo() {
        WedgeBurstDetector d = new WedgeBurstDetector(Config.defaults());
        List<Output> out = new ArrayList<>();
        out.addAll(d.onKey('x', T0));
        Instant t = T0.plusMillis(400);
        for (char c : "96385074\r".toCharArray()) {
            out.addAll(d.onKey(c, t));
            t = t.plusMillis(3);
        }
        assertThat(out).containsExactly(new Output.Typed("x"), new Output.Scan("96385074"));
    }

    @Test
    void tabTerminatorIsConfigurable() {
        WedgeBurstDetector d = new WedgeBurstDetector(new Config(Duration.ofMillis(30), 4, Set.of('\t')));
        assertThat(feed(d, "96385074\t", 2)).containsExactly(new Output.Scan("96385074"));
        assertThat(feed(d, "96385074\r", 2)).containsExactly(new Output.Typed("96385074\r"));
    }

    @Test
    void withoutTerminatorAFastBurstEndedByIdleIsAScan() {
        WedgeBurstDetector d = new WedgeBurstDetector(new Config(Duration.ofMillis(30), 6, Set.of()));
        assertThat(feed(d, "4006381333931", 4)).containsExactly(new Output.Scan("4006381333931"));
        assertThat(feed(d, "abc", 4)).containsExactly(new Output.Typed("abc"));
    }
}
