package io.branchpos.desktop.payment;

import io.branchpos.desktop.payment.PaymentViewModel.PaymentRow;
import io.branchpos.desktop.payment.PaymentViewModel.State;
import io.branchpos.domain.money.Money;
import java.io.ByteArrayInputStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;

/** Thin view of the payment screen. */
public final class PaymentController {
    private final PaymentViewModel model;

    @FXML
    private Label receiptNumberLabel;
    @FXML
    private Label dueLabel;
    @FXML
    private Label remainingLabel;
    @FXML
    private Label changeLabel;
    @FXML
    private TableView<PaymentRow> paymentTable;
    @FXML
    private TableColumn<PaymentRow, String> tenderColumn;
    @FXML
    private TableColumn<PaymentRow, String> referenceColumn;
    @FXML
    private TableColumn<PaymentRow, String> amountColumn;
    @FXML
    private TextField amountField;
    @FXML
    private TextField referenceField;
    @FXML
    private FlowPane quickPane;
    @FXML
    private Button cashButton;
    @FXML
    private Button cardButton;
    @FXML
    private Button voucherButton;
    @FXML
    private Button creditButton;
    @FXML
    private Button undoButton;
    @FXML
    private Button backButton;
    @FXML
    private Label messageLabel;
    @FXML
    private TextArea receiptArea;
    @FXML
    private ScrollPane receiptScroll;
    @FXML
    private ImageView receiptImage;
    @FXML
    private Button reprintButton;
    @FXML
    private Button nextButton;

    public PaymentController(PaymentViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        receiptNumberLabel.textProperty().bind(model.receiptNumberProperty());
        dueLabel.textProperty().bind(model.dueProperty());
        remainingLabel.textProperty().bind(model.remainingProperty());
        changeLabel.textProperty().bind(model.changeProperty());
        paymentTable.setItems(model.payments());
        tenderColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tender()));
        referenceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reference()));
        amountColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().amount()));
        amountField.textProperty().bindBidirectional(model.amountProperty());
        referenceField.textProperty().bindBidirectional(model.referenceProperty());
        amountField.setOnAction(e -> model.enter());
        referenceField.setOnAction(e -> model.enter());
        messageLabel.textProperty().bind(model.messageProperty());
        receiptArea.textProperty().bind(model.receiptTextProperty());
        model.receiptImageProperty().addListener((o, a, png) -> {
            receiptImage.setImage(png == null ? null : new Image(new ByteArrayInputStream(png)));
            receiptScroll.setVisible(png != null);
            receiptArea.setVisible(png == null);
        });
        receiptImage.fitWidthProperty().bind(receiptScroll.widthProperty().subtract(34));
        model.quickTenders().addListener((ListChangeListener<Money>) c -> fillQuick());
        var entering = model.stateProperty().isEqualTo(State.ENTERING);
        for (Button b : new Button[] {cashButton, cardButton, voucherButton, creditButton, undoButton, backButton}) {
            b.disableProperty().bind(entering.not());
        }
        amountField.disableProperty().bind(entering.not());
        referenceField.disableProperty().bind(entering.not());
        quickPane.disableProperty().bind(entering.not());
        var paid = model.stateProperty().isEqualTo(State.PAID);
        reprintButton.disableProperty().bind(paid.not());
        nextButton.disableProperty().bind(paid.not());
        model.stateProperty().addListener((o, a, b) -> messageLabel.getStyleClass().setAll("pay-message",
                b == State.PAID ? "tone-success" : "tone-info"));
    }

    private void fillQuick() {
        quickPane.getChildren().clear();
        int n = 5;
        for (Money m : model.quickTenders()) {
            Button b = new Button("F" + n++ + "  " + model.format(m));
            b.getStyleClass().addAll("tender-button", "quick-button");
            b.setFocusTraversable(false);
            b.setOnAction(e -> model.quickCash(m));
            quickPane.getChildren().add(b);
        }
    }

    /** F5–F8 on the payment screen. */
    public void quick(int index) {
        if (model.stateProperty().get() == State.PAID) {
            if (index == 0) {
                model.reprint();
            }
            return;
        }
        if (index < model.quickTenders().size()) {
            model.quickCash(model.quickTenders().get(index));
        }
    }

    @FXML
    private void cash() {
        model.payCash();
    }

    @FXML
    private void card() {
        model.payCard();
    }

    @FXML
    private void voucher() {
        model.payVoucher();
    }

    @FXML
    private void storeCredit() {
        model.payStoreCredit();
    }

    @FXML
    private void undo() {
        model.removeLast();
    }

    @FXML
    private void back() {
        model.back();
    }

    @FXML
    private void reprint() {
        model.reprint();
    }

    @FXML
    private void next() {
        model.finish();
    }

    public void focus() {
        amountField.requestFocus();
    }
}
