package io.branchpos.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.domain.auth.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class SignInViewModelTest {
    static final User ANNA = new User("u-anna", "1", "Anna", Role.CASHIER);
    static final User BEN = new User("u-ben", "2", "Ben", Role.SUPERVISOR);
    static final User CARL = new User("u-carl", "4", "Carl", Role.CASHIER);

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final Session session = new Session(new IdleLock(clock, Duration.ofMinutes(2)));
    private final BiFunction<String, String, SignInResult> checker = (code, pin) -> switch (code + ":" + pin) {
        case "1:1111" -> new SignInResult.Accepted(ANNA);
        case "2:2222" -> new SignInResult.Accepted(BEN);
        case "4:4444" -> new SignInResult.Accepted(CARL);
        case "9:9999" -> new SignInResult.Locked(Instant.parse("2026-11-22T10:05:00Z"));
        default -> new SignInResult.Rejected(2);
    };
    private final SignInViewModel vm = new SignInViewModel(checker, session, Runnable::run, Runnable::run,
            FxmlView.Messages.bundle(Locale.ENGLISH), ZoneOffset.UTC);

    private void signIn(String code, String pin) {
        vm.userCodeProperty().set(code);
        vm.pinProperty().set(pin);
        vm.submit();
    }

    @Test
    void theRightPinSignsInAndClearsTheFields() {
        signIn("1", "1111");
        assertThat(session.user()).contains(ANNA);
        assertThat(vm.pinProperty().get()).isEmpty();
        assertThat(session.activeBinding().get()).isTrue();
    }

    @Test
    void aWrongPinSaysHowManyAttemptsAreLeft() {
        signIn("1", "1234");
        assertThat(session.user()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo(
                "Wrong user number or PIN. 2 attempts left before a 5-minute lock.");
        signIn("9", "9999");
        assertThat(vm.messageProperty().get()).isEqualTo("Too many wrong PINs. Try again at 10:05 or ask a supervisor.");
        signIn("1", "12");
        assertThat(vm.messageProperty().get()).isEqualTo("A PIN has 4 to 8 digits.");
    }

    @Test
    void anIdleTillLocksAndOnlyTheSameUserOrASupervisorUnlocksIt() {
        signIn("1", "1111");
        clock.now = clock.now.plusSeconds(60);
        session.checkIdle();
        assertThat(session.lockedProperty().get()).isFalse();
        clock.now = clock.now.plusSeconds(60);
        session.checkIdle();
        assertThat(session.lockedProperty().get()).isTrue();
        assertThat(session.activeBinding().get()).isFalse();
        signIn("4", "4444");
        assertThat(session.lockedProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("locked by Anna");
        signIn("2", "2222");
        assertThat(session.lockedProperty().get()).isFalse();
        assertThat(session.user()).contains(BEN);
    }
}
