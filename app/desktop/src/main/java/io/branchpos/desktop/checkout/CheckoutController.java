package io.branchpos.desktop.checkout;

import io.branchpos.desktop.common.StatusBarViewModel;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Thin view of the cashier screen: binds FXML nodes to {@link CheckoutViewModel}; no logic here. */
public final class CheckoutController {
    private final CheckoutViewModel model;
    private final StatusBarViewModel status;

    @FXML
    private TextField searchField;
    @FXML
    private ListView<ProductRow> resultList;
    @FXML
    private TableView<Object> ticketTable;
    @FXML
    private Label messageLabel;
    @FXML
    private Label terminalLabel;
    @FXML
    private Label dayLabel;
    @FXML
    private Label catalogLabel;
    @FXML
    private Label syncLabel;
    @FXML
    private Label printerLabel;

    public CheckoutController(CheckoutViewModel model, StatusBarViewModel status) {
        this.model = model;
        this.status = status;
    }

    @FXML
    private void initialize() {
        searchField.textProperty().bindBidirectional(model.queryProperty());
        resultList.setItems(model.results());
        resultList.setCellFactory(list -> new ProductCell());
        messageLabel.textProperty().bind(model.messageProperty());
        terminalLabel.textProperty().bind(status.terminalProperty());
        dayLabel.textProperty().bind(status.businessDayProperty());
        catalogLabel.textProperty().bind(status.catalogProperty());
        syncLabel.textProperty().bind(status.syncProperty());
        printerLabel.textProperty().bind(status.printerProperty());
    }

    /** Puts the keyboard focus where a scan or typing should go. */
    public void focusSearch() {
        searchField.requestFocus();
    }

    private static final class ProductCell extends ListCell<ProductRow> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Label price = new Label();
        private final HBox box;

        ProductCell() {
            name.getStyleClass().add("result-name");
            detail.getStyleClass().add("result-detail");
            price.getStyleClass().add("result-price");
            VBox text = new VBox(2, name, detail);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(12, text, spacer, price);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ProductRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
            } else {
                name.setText(row.name());
                detail.setText(row.detail());
                price.setText(row.price());
                setGraphic(box);
            }
        }
    }
}
