package io.branchpos.desktop.approval;

import io.branchpos.domain.auth.Pin;
import io.branchpos.domain.auth.SignInResult;
import io.branchpos.domain.sale.Approval;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The supervisor approval dialog: user number, PIN and reason of someone holding the required
 * permission. The PIN goes through the same lockout as sign-in.
 */
public final class ApprovalViewModel implements Approvals {
    private final BiFunction<String, String, SignInResult> checker;
    private final Executor background;
    private final Executor ui;
    private final ResourceBundle texts;

    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty pin = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    private ApprovalRequest pending;
    private Consumer<Approval> onApproved;

    public ApprovalViewModel(BiFunction<String, String, SignInResult> checker, Executor background, Executor ui,
            ResourceBundle texts) {
        this.checker = checker;
        this.background = background;
        this.ui = ui;
        this.texts = texts;
    }

    @Override
    public void request(ApprovalRequest request, Consumer<Approval> callback) {
        pending = request;
        onApproved = callback;
        description.set(request.description());
        userCode.set("");
        pin.set("");
        reason.set("");
        message.set("");
        showing.set(true);
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public StringProperty userCodeProperty() {
        return userCode;
    }

    public StringProperty pinProperty() {
        return pin;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public void cancel() {
        showing.set(false);
        pending = null;
        onApproved = null;
        pin.set("");
    }

    public void approve() {
        if (pending == null || busy.get()) {
            return;
        }
        String code = userCode.get().trim();
        String p = pin.get();
        String why = reason.get().trim();
        pin.set("");
        if (why.isEmpty()) {
            message.set(texts.getString("approval.needReason"));
            return;
        }
        if (code.isEmpty() || !Pin.isWellFormed(p)) {
            message.set(texts.getString("signin.pinFormat"));
            return;
        }
        ApprovalRequest req = pending;
        busy.set(true);
        background.execute(() -> {
            SignInResult result;
            try {
                result = checker.apply(code, p);
            } catch (RuntimeException e) {
                result = null;
            }
            SignInResult r = result;
            ui.execute(() -> {
                busy.set(false);
                if (req != pending) {
                    return; // cancelled meanwhile
                }
                if (r instanceof SignInResult.Accepted a) {
                    if (!a.user().can(req.required())) {
                        message.set(MessageFormat.format(texts.getString("approval.notAllowed"), a.user().name()));
                        return;
                    }
                    Consumer<Approval> cb = onApproved;
                    showing.set(false);
                    pending = null;
                    onApproved = null;
                    cb.accept(new Approval(req.action(), req.lineNo(), a.user().id(), why));
                } else if (r instanceof SignInResult.Rejected rej) {
                    message.set(MessageFormat.format(texts.getString("signin.wrong"), rej.attemptsLeft()));
                } else if (r instanceof SignInResult.Locked) {
                    message.set(texts.getString("approval.locked"));
                } else {
                    message.set(texts.getString("approval.failed"));
                }
            });
        });
    }
}
