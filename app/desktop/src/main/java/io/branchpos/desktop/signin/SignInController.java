package io.branchpos.desktop.signin;

import io.branchpos.desktop.common.Keypad;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.session.Session;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

/** Thin view of the sign-in / unlock screen. */
public final class SignInController {
    private final SignInViewModel model;
    private final Session session;
    private final StatusBarViewModel status;
    private final ResourceBundle texts;

    @FXML
    private Label titleLabel;
    @FXML
    private Label terminalLabel;
    @FXML
    private TextField userField;
    @FXML
    private PasswordField pinField;
    @FXML
    private GridPane keypad;
    @FXML
    private Button signInButton;
    @FXML
    private Label messageLabel;

    public SignInController(SignInViewModel model, Session session, StatusBarViewModel status, ResourceBundle texts) {
        this.model = model;
        this.session = session;
        this.status = status;
        this.texts = texts;
    }

    @FXML
    private void initialize() {
        userField.textProperty().bindBidirectional(model.userCodeProperty());
        pinField.textProperty().bindBidirectional(model.pinProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        terminalLabel.textProperty().bind(status.terminalProperty());
        titleLabel.textProperty().bind(Bindings.createStringBinding(() -> session.lockedProperty().get()
                ? texts.getString("signin.locked.title") + " — " + session.user().map(u -> u.name()).orElse("")
                : texts.getString("signin.title"), session.lockedProperty(), session.userProperty()));
        signInButton.disableProperty().bind(model.busyProperty());
        userField.setOnAction(e -> pinField.requestFocus());
        pinField.setOnAction(e -> submit());
        Keypad.fill(keypad, this::target, this::enter, false);
    }

    private TextInputControl target() {
        return pinField.isFocused() || !userField.getText().isEmpty() && !userField.isFocused() ? pinField : userField;
    }

    private void enter() {
        if (target() == userField) {
            pinField.requestFocus();
        } else {
            submit();
        }
    }

    @FXML
    private void submit() {
        model.submit();
        pinField.requestFocus();
    }

    public void focus() {
        if (session.lockedProperty().get()) {
            model.userCodeProperty().set(session.user().map(u -> u.code()).orElse(""));
            pinField.requestFocus();
        } else {
            userField.requestFocus();
        }
    }
}
