package io.branchpos.desktop.manager;

import io.branchpos.desktop.dayclose.CountGrid;
import io.branchpos.domain.till.CashMovementKind;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Thin view of the till screen ({@link TillViewModel}). */
public final class TillController {
    private final TillViewModel model;

    @FXML private Label statusLabel;
    @FXML private VBox openBox;
    @FXML private GridPane floatGrid;
    @FXML private Button openButton;
    @FXML private ChoiceBox<CashMovementKind> kindChoice;
    @FXML private TextField amountField;
    @FXML private TextField reasonField;
    @FXML private Button recordButton;
    @FXML private Label messageLabel;
    @FXML private ListView<String> xList;
    @FXML private Button printXButton;

    public TillController(TillViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        CountGrid.fill(floatGrid, model.floatCount(), "float-");
        statusLabel.textProperty().bind(model.statusProperty());
        openBox.visibleProperty().bind(model.openProperty().not());
        openBox.managedProperty().bind(model.openProperty().not());
        kindChoice.getItems().setAll(CashMovementKind.values());
        kindChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(CashMovementKind k) {
                return k == null ? "" : TillViewModel.label(k);
            }

            @Override
            public CashMovementKind fromString(String s) {
                return null;
            }
        });
        kindChoice.valueProperty().bindBidirectional(model.kindProperty());
        amountField.textProperty().bindBidirectional(model.amountProperty());
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        recordButton.disableProperty().bind(model.openProperty().not());
        messageLabel.textProperty().bind(model.messageProperty());
        xList.setItems(model.xReport());
        printXButton.setDisable(!model.canPrint());
        model.refresh();
    }

    @FXML
    private void openTill() {
        model.openTill();
    }

    @FXML
    private void record() {
        model.record();
    }

    @FXML
    private void printX() {
        model.printX();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }
}
