package io.branchpos.desktop.sync;

import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Thin view of the sync screen. */
public final class SyncController {
    private final SyncViewModel model;

    @FXML
    private Label statusLabel;
    @FXML
    private Label pendingLabel;
    @FXML
    private TableView<SyncViewModel.Row> quarantineTable;
    @FXML
    private TableColumn<SyncViewModel.Row, String> seqColumn;
    @FXML
    private TableColumn<SyncViewModel.Row, String> typeColumn;
    @FXML
    private TableColumn<SyncViewModel.Row, String> reasonColumn;
    @FXML
    private TableColumn<SyncViewModel.Row, String> whenColumn;

    public SyncController(SyncViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(model.statusProperty());
        pendingLabel.textProperty().bind(model.pendingProperty());
        quarantineTable.setItems(model.quarantined());
        seqColumn.setCellValueFactory(c -> new SimpleStringProperty(Long.toString(c.getValue().seq())));
        typeColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().type()));
        reasonColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().reason()));
        whenColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().when()));
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }
}
