package io.branchpos.desktop.stock;

import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.store.stock.StockRepository;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;

/** Thin view of the stock screens: receiving, counting, on hand. */
public final class StockController {
    private final ReceiveViewModel receive;
    private final CountViewModel count;
    private final StockListViewModel list;

    @FXML private ComboBox<String> deliveryChoice;
    @FXML private TextField receiveScanField;
    @FXML private TableView<ReceiveViewModel.Line> receiveTable;
    @FXML private TableColumn<ReceiveViewModel.Line, String> receiveSku;
    @FXML private TableColumn<ReceiveViewModel.Line, String> receiveExpected;
    @FXML private TableColumn<ReceiveViewModel.Line, String> receiveReceived;
    @FXML private TableColumn<ReceiveViewModel.Line, String> receiveDamaged;
    @FXML private Button receiveButton;
    @FXML private Label receiveMessage;

    @FXML private ChoiceBox<StockRepository.CountKind> countKind;
    @FXML private Button startCountButton;
    @FXML private TextField counterField;
    @FXML private TextField countQtyField;
    @FXML private TextField countScanField;
    @FXML private TableView<CountViewModel.CountedRow> countedTable;
    @FXML private TableColumn<CountViewModel.CountedRow, String> countedSku;
    @FXML private TableColumn<CountViewModel.CountedRow, String> countedName;
    @FXML private TableColumn<CountViewModel.CountedRow, String> countedQty;
    @FXML private TableView<CountViewModel.ResultRow> resultTable;
    @FXML private TableColumn<CountViewModel.ResultRow, String> resultSku;
    @FXML private TableColumn<CountViewModel.ResultRow, String> resultCounted;
    @FXML private TableColumn<CountViewModel.ResultRow, String> resultExpected;
    @FXML private TableColumn<CountViewModel.ResultRow, String> resultAdjustment;
    @FXML private Button postCountButton;
    @FXML private Label countMessage;

    @FXML private CheckBox lowOnlyBox;
    @FXML private TableView<StockRepository.OnHandRow> onHandTable;
    @FXML private TableColumn<StockRepository.OnHandRow, String> ohSku;
    @FXML private TableColumn<StockRepository.OnHandRow, String> ohName;
    @FXML private TableColumn<StockRepository.OnHandRow, String> ohQty;
    @FXML private TableColumn<StockRepository.OnHandRow, String> ohReorder;
    @FXML private TextField skuField;
    @FXML private TableView<StockListViewModel.HistoryRow> historyTable;
    @FXML private TableColumn<StockListViewModel.HistoryRow, String> hAt;
    @FXML private TableColumn<StockListViewModel.HistoryRow, String> hKind;
    @FXML private TableColumn<StockListViewModel.HistoryRow, String> hQty;
    @FXML private TableColumn<StockListViewModel.HistoryRow, String> hRef;
    @FXML private TextField adjustQtyField;
    @FXML private ChoiceBox<AdjustmentReason> reasonChoice;
    @FXML private TextField branchField;
    @FXML private TextField reorderField;
    @FXML private Label onHandMessage;

    public StockController(ReceiveViewModel receive, CountViewModel count, StockListViewModel list) {
        this.receive = receive;
        this.count = count;
        this.list = list;
    }

    private static <R> void column(TableColumn<R, String> c, Function<R, String> f) {
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
    }

    @FXML
    private void initialize() {
        deliveryChoice.setItems(receive.deliveries());
        deliveryChoice.valueProperty().bindBidirectional(receive.deliveryProperty());
        receiveScanField.textProperty().bindBidirectional(receive.scanProperty());
        receiveScanField.setOnAction(e -> receive.submitScan());
        receiveTable.setItems(receive.lines());
        column(receiveSku, ReceiveViewModel.Line::sku);
        column(receiveExpected, ReceiveViewModel.Line::expected);
        receiveReceived.setCellValueFactory(x -> x.getValue().receivedProperty());
        receiveReceived.setCellFactory(TextFieldTableCell.forTableColumn());
        receiveDamaged.setCellValueFactory(x -> x.getValue().damagedProperty());
        receiveDamaged.setCellFactory(TextFieldTableCell.forTableColumn());
        receiveMessage.textProperty().bind(receive.messageProperty());

        countKind.getItems().setAll(StockRepository.CountKind.values());
        countKind.valueProperty().bindBidirectional(count.kindProperty());
        counterField.textProperty().bindBidirectional(count.counterProperty());
        countQtyField.textProperty().bindBidirectional(count.quantityProperty());
        countScanField.textProperty().bindBidirectional(count.scanProperty());
        countScanField.setOnAction(e -> count.submitScan());
        countScanField.disableProperty().bind(count.runningProperty().not());
        startCountButton.disableProperty().bind(count.runningProperty());
        postCountButton.disableProperty().bind(count.runningProperty().not());
        countedTable.setItems(count.counted());
        column(countedSku, CountViewModel.CountedRow::sku);
        column(countedName, CountViewModel.CountedRow::name);
        column(countedQty, CountViewModel.CountedRow::counted);
        resultTable.setItems(count.results());
        column(resultSku, CountViewModel.ResultRow::sku);
        column(resultCounted, CountViewModel.ResultRow::counted);
        column(resultExpected, CountViewModel.ResultRow::expected);
        column(resultAdjustment, CountViewModel.ResultRow::adjustment);
        countMessage.textProperty().bind(count.messageProperty());

        lowOnlyBox.selectedProperty().bindBidirectional(list.lowOnlyProperty());
        onHandTable.setItems(list.rows());
        column(ohSku, StockRepository.OnHandRow::sku);
        column(ohName, StockRepository.OnHandRow::name);
        column(ohQty, r -> r.onHand().stripTrailingZeros().toPlainString());
        column(ohReorder, r -> r.reorderPoint() == null ? "" : r.reorderPoint().stripTrailingZeros().toPlainString());
        onHandTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                list.skuProperty().set(b.sku());
                list.showHistory();
            }
        });
        skuField.textProperty().bindBidirectional(list.skuProperty());
        historyTable.setItems(list.history());
        column(hAt, StockListViewModel.HistoryRow::at);
        column(hKind, StockListViewModel.HistoryRow::kind);
        column(hQty, StockListViewModel.HistoryRow::quantity);
        column(hRef, StockListViewModel.HistoryRow::reference);
        adjustQtyField.textProperty().bindBidirectional(list.quantityProperty());
        reasonChoice.getItems().setAll(AdjustmentReason.values());
        reasonChoice.valueProperty().bindBidirectional(list.reasonProperty());
        branchField.textProperty().bindBidirectional(list.toBranchProperty());
        reorderField.textProperty().bindBidirectional(list.reorderPointProperty());
        onHandMessage.textProperty().bind(list.messageProperty());

        receive.refresh();
        list.refresh();
    }

    @FXML
    private void receive() {
        receive.receive();
    }

    @FXML
    private void startCount() {
        count.start();
    }

    @FXML
    private void postCount() {
        count.post();
    }

    @FXML
    private void refreshOnHand() {
        list.refresh();
    }

    @FXML
    private void showHistory() {
        list.showHistory();
    }

    @FXML
    private void adjust() {
        list.adjust();
    }

    @FXML
    private void setReorderPoint() {
        list.setReorderPoint();
    }

    @FXML
    private void transfer() {
        list.transfer();
    }
}
