package io.branchpos.desktop.approval;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Thin view of the supervisor approval dialog (an overlay over the current screen). */
public final class ApprovalController {
    private final ApprovalViewModel model;

    @FXML
    private Label descriptionLabel;
    @FXML
    private TextField userField;
    @FXML
    private PasswordField pinField;
    @FXML
    private TextField reasonField;
    @FXML
    private Button approveButton;
    @FXML
    private Label messageLabel;

    public ApprovalController(ApprovalViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        descriptionLabel.textProperty().bind(model.descriptionProperty());
        userField.textProperty().bindBidirectional(model.userCodeProperty());
        pinField.textProperty().bindBidirectional(model.pinProperty());
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        approveButton.disableProperty().bind(model.busyProperty());
        userField.setOnAction(e -> pinField.requestFocus());
        pinField.setOnAction(e -> reasonField.requestFocus());
        reasonField.setOnAction(e -> approve());
    }

    @FXML
    private void approve() {
        model.approve();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    public void focus() {
        userField.requestFocus();
    }
}
