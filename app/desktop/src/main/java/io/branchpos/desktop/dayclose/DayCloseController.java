package io.branchpos.desktop.dayclose;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Thin view of the close-the-day flow; everything it shows and does lives in {@link DayCloseViewModel}. */
public final class DayCloseController {
    private final DayCloseViewModel model;

    @FXML private VBox countBox;
    @FXML private VBox reviewBox;
    @FXML private GridPane cashGrid;
    @FXML private Label countedLabel;
    @FXML private TextField cardField;
    @FXML private TextField voucherField;
    @FXML private Button revealButton;
    @FXML private TableView<DayCloseViewModel.VarianceRow> varianceTable;
    @FXML private TableColumn<DayCloseViewModel.VarianceRow, String> tenderColumn;
    @FXML private TableColumn<DayCloseViewModel.VarianceRow, String> expectedColumn;
    @FXML private TableColumn<DayCloseViewModel.VarianceRow, String> countedColumn;
    @FXML private TableColumn<DayCloseViewModel.VarianceRow, String> varianceColumn;
    @FXML private TextField reasonField;
    @FXML private Button recountButton;
    @FXML private Button signOffButton;
    @FXML private Label messageLabel;
    @FXML private ListView<String> zList;
    @FXML private Button printButton;
    @FXML private Button pdfButton;
    @FXML private Button csvButton;

    public DayCloseController(DayCloseViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        CountGrid.fill(cashGrid, model.cash(), "cash-");
        countedLabel.textProperty().bind(model.countedCashProperty());
        cardField.textProperty().bindBidirectional(model.cardTotalProperty());
        voucherField.textProperty().bindBidirectional(model.voucherTotalProperty());
        reasonField.textProperty().bindBidirectional(model.reasonProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        varianceTable.setItems(model.variances());
        tenderColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tender()));
        expectedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().expected()));
        countedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().counted()));
        varianceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().variance()));
        varianceTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DayCloseViewModel.VarianceRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("over-threshold");
                if (!empty && item != null && item.needsReason()) {
                    getStyleClass().add("over-threshold");
                }
            }
        });
        zList.setItems(model.zLines());
        var step = model.stepProperty();
        var counting = Bindings.createBooleanBinding(() -> step.get() == DayCloseViewModel.Step.COUNT, step);
        var reviewing = Bindings.createBooleanBinding(() -> step.get() == DayCloseViewModel.Step.REVIEW, step);
        var done = Bindings.createBooleanBinding(() -> step.get() == DayCloseViewModel.Step.DONE, step);
        countBox.disableProperty().bind(counting.not());
        revealButton.disableProperty().bind(model.busyProperty());
        varianceTable.visibleProperty().bind(counting.not());
        reasonField.visibleProperty().bind(model.reasonRequiredProperty().and(reviewing));
        recountButton.disableProperty().bind(reviewing.not());
        signOffButton.disableProperty().bind(reviewing.not().or(model.signOffBlocked()));
        zList.visibleProperty().bind(done);
        printButton.disableProperty().bind(done.not().or(Bindings.createBooleanBinding(() -> !model.canPrint())));
        pdfButton.disableProperty().bind(done.not());
        csvButton.disableProperty().bind(done.not());
    }

    @FXML
    private void reveal() {
        model.reveal();
    }

    @FXML
    private void recount() {
        model.recount();
    }

    @FXML
    private void signOff() {
        model.signOff();
    }

    @FXML
    private void print() {
        model.print();
    }

    @FXML
    private void exportPdf() {
        try {
            model.exportPdf();
        } catch (java.io.UncheckedIOException shownInTheMessage) {
            // the view model already told the manager what went wrong
        }
    }

    @FXML
    private void exportCsv() {
        try {
            model.exportCsv();
        } catch (java.io.UncheckedIOException shownInTheMessage) {
            // the view model already told the manager what went wrong
        }
    }
}
