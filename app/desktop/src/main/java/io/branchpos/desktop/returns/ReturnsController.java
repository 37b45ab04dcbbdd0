package io.branchpos.desktop.returns;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/** Thin view of the returns screen. */
public final class ReturnsController {
    private final ReturnsViewModel model;
    private final ResourceBundle texts;

    @FXML
    private TextField receiptField;
    @FXML
    private Label originalLabel;
    @FXML
    private TableView<ReturnLine> lineTable;
    @FXML
    private TableColumn<ReturnLine, String> lineColumn;
    @FXML
    private TableColumn<ReturnLine, String> itemColumn;
    @FXML
    private TableColumn<ReturnLine, String> soldColumn;
    @FXML
    private TableColumn<ReturnLine, String> refundedColumn;
    @FXML
    private TableColumn<ReturnLine, String> grossColumn;
    @FXML
    private TableColumn<ReturnLine, ReturnLine> returnColumn;
    @FXML
    private ToggleGroup refundGroup;
    @FXML
    private RadioButton toOriginal;
    @FXML
    private RadioButton toCredit;
    @FXML
    private TextField reasonField;
    @FXML
    private TextField referenceField;
    @FXML
    private Label totalLabel;
    @FXML
    private Button confirmButton;
    @FXML
    private Label messageLabel;

    public ReturnsController(ReturnsViewModel model, ResourceBundle texts) {
        this.model = model;
        this.texts = texts;
    }

    @FXML
    private void initialize() {
        receiptField.textProperty().bindBidirectional(model.receiptNumberProperty());
        receiptField.setOnAction(e -> model.find());
        originalLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.originalTenderProperty().get().isEmpty() ? ""
                        : MessageFormat.format(texts.getString("returns.original"), model.originalTenderProperty().get()),
                model.originalTenderProperty()));
        lineTable.setItems(model.lines());
        lineColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().lineNo())));
        itemColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().description()));
        soldColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(plain(c.getValue().sold())));
        refundedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(plain(c.getValue().refunded())));
        grossColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().gross()));
        returnColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        returnColumn.setCellFactory(c -> new QuantityCell());
        refundGroup.selectedToggleProperty().addListener((o, a, b) -> model.refundTo(
                b == toCredit ? ReturnsViewModel.RefundTo.STORE_CREDIT : ReturnsViewModel.RefundTo.ORIGINAL));
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        referenceField.textProperty().bindBidirectional(model.referenceProperty());
        reasonField.setOnAction(e -> model.confirm());
        totalLabel.textProperty().bind(model.refundTotalProperty());
        confirmButton.disableProperty().bind(model.busyProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        model.errorProperty().addListener((o, a, b) -> messageLabel.getStyleClass().setAll("pay-message",
                b ? "tone-error" : "tone-success"));
        model.refundToProperty().addListener((o, a, b) -> (b == ReturnsViewModel.RefundTo.STORE_CREDIT
                ? toCredit : toOriginal).setSelected(true));
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    @FXML
    private void find() {
        model.find();
    }

    @FXML
    private void all() {
        model.returnEverything();
    }

    @FXML
    private void noReceipt() {
        model.startWithoutReceipt();
        receiptField.requestFocus();
    }

    @FXML
    private void confirm() {
        model.confirm();
    }

    @FXML
    private void back() {
        model.back();
    }

    public void focus() {
        receiptField.requestFocus();
    }

    /** An always-editable quantity field bound to the line's "return now" quantity. */
    private static final class QuantityCell extends TableCell<ReturnLine, ReturnLine> {
        private final TextField field = new TextField();
        private StringProperty bound;

        QuantityCell() {
            field.getStyleClass().add("return-qty");
        }

        @Override
        protected void updateItem(ReturnLine line, boolean empty) {
            super.updateItem(line, empty);
            if (bound != null) {
                field.textProperty().unbindBidirectional(bound);
                bound = null;
            }
            if (empty || line == null) {
                setGraphic(null);
            } else {
                bound = line.returnQuantityProperty();
                field.textProperty().bindBidirectional(bound);
                field.setDisable(line.refundable().signum() <= 0);
                setGraphic(field);
            }
        }
    }
}
