package io.branchpos.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthRulesTest {
    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theFifthWrongPinLocksForFiveMinutes() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        LockoutPolicy p = LockoutPolicy.DEFAULT;
        assertThat(p.lockAfter(4, now)).isEmpty();
        assertThat(p.attemptsLeft(4)).isEqualTo(1);
        assertThat(p.lockAfter(5, now)).contains(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void idleLockTriggersOnlyAfterTheIdleTimeWithoutActivity() {
        MutableClock clock = new MutableClock();
        IdleLock lock = new IdleLock(clock, Duration.ofMinutes(2));
        clock.now = clock.now.plusSeconds(119);
        assertThat(lock.isIdle()).isFalse();
        lock.touch();
        clock.now = clock.now.plusSeconds(119);
        assertThat(lock.isIdle()).isFalse();
        clock.now = clock.now.plusSeconds(1);
        assertThat(lock.isIdle()).isTrue();
    }

    @Test
    void cashiersCannotApproveOrOpenTheDrawerButSupervisorsCan() {
        assertThat(Role.CASHIER.permissions()).contains(Permission.SELL).doesNotContain(Permission.APPROVE_OVERRIDES,
                Permission.NO_SALE, Permission.VOID_SALE);
        assertThat(Role.SUPERVISOR.permissions()).contains(Permission.APPROVE_OVERRIDES, Permission.NO_SALE);
        assertThat(Role.MANAGER.permissions()).containsAll(Role.SUPERVISOR.permissions());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1234, true
            12345678, true
            123, false
            123456789, false
            12a4, false
            '', false
            """)
    void pinsAreFourToEightDigits(String pin, boolean ok) {
        assertThat(Pin.isWellFormed(pin)).isEqualTo(ok);
    }
}
