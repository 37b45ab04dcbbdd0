package io.branchpos.desktop.signin;

import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.Pin;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.domain.auth.User;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in (and unlock) screen: user number + PIN, checked off the FX thread because a PIN
 * check is a deliberately slow hash.
 */
public final class SignInViewModel {
    private final BiFunction<String, String, SignInResult> checker;
    private final Session session;
    private final Executor background;
    private final Executor ui;
    private final ResourceBundle texts;
    private final ZoneId zone;

    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty pin = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public SignInViewModel(BiFunction<String, String, SignInResult> checker, Session session, Executor background,
            Executor ui, ResourceBundle texts, ZoneId zone) {
        this.checker = checker;
        this.session = session;
        this.background = background;
        this.ui = ui;
        this.texts = texts;
        this.zone = zone;
    }

    public StringProperty userCodeProperty() {
        return userCode;
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Enter on the sign-in screen. */
    public void submit() {
        if (busy.get()) {
            return;
        }
        String code = userCode.get() == null ? "" : userCode.get().trim();
        String p = pin.get() == null ? "" : pin.get();
        pin.set("");
        if (code.isEmpty()) {
            message.set(texts.getString("signin.needUser"));
            return;
        }
        if (!Pin.isWellFormed(p)) {
            message.set(texts.getString("signin.pinFormat"));
            return;
        }
        busy.set(true);
        message.set(texts.getString("signin.checking"));
        background.execute(() -> {
            SignInResult result;
            try {
                result = checker.apply(code, p);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set(MessageFormat.format(texts.getString("signin.error"), e.getMessage()));
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                apply(result);
            });
        });
    }

    private void apply(SignInResult result) {
        if (result instanceof SignInResult.Accepted a) {
            User u = a.user();
            if (session.signIn(u)) {
                userCode.set("");
                message.set("");
            } else {
                message.set(MessageFormat.format(texts.getString("signin.lockedByOther"),
                        session.user().map(User::name).orElse("?")));
            }
        } else if (result instanceof SignInResult.Rejected r) {
            message.set(MessageFormat.format(texts.getString("signin.wrong"), r.attemptsLeft()));
        } else if (result instanceof SignInResult.Locked l) {
            message.set(MessageFormat.format(texts.getString("signin.lockedOut"),
                    DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(l.until())));
        }
    }
}
