package io.branchpos.desktop.devices;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.beans.property.SimpleStringProperty;

/** Thin view of the Devices screen: binds the FXML to {@link DevicesViewModel}. */
public final class DevicesController {
    private final DevicesViewModel model;

    @FXML
    private TableView<DeviceBench.Check> deviceTable;
    @FXML
    private TableColumn<DeviceBench.Check, String> nameColumn;
    @FXML
    private TableColumn<DeviceBench.Check, String> stateColumn;
    @FXML
    private ListView<DeviceBench.QueuedJob> jobList;
    @FXML
    private Label messageLabel;
    @FXML
    private Button testButton;
    @FXML
    private Button retryButton;
    @FXML
    private Button refreshButton;

    public DevicesController(DevicesViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        deviceTable.setItems(model.devices());
        nameColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().name()));
        stateColumn.setCellValueFactory(c -> new SimpleStringProperty((c.getValue().ok() ? "● " : "○ ")
                + c.getValue().state()));
        deviceTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DeviceBench.Check item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("device-ok", "device-problem");
                if (!empty && item != null) {
                    getStyleClass().add(item.ok() ? "device-ok" : "device-problem");
                }
            }
        });
        jobList.setItems(model.queued());
        jobList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DeviceBench.QueuedJob job, boolean empty) {
                super.updateItem(job, empty);
                setText(empty || job == null ? null : job.description() + " — " + job.reason());
            }
        });
        messageLabel.textProperty().bind(model.messageProperty());
        testButton.disableProperty().bind(model.busyProperty()
                .or(deviceTable.getSelectionModel().selectedItemProperty().isNull()));
        retryButton.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(model.queued())));
        refreshButton.disableProperty().bind(model.busyProperty());
        model.devices().addListener((javafx.collections.ListChangeListener<DeviceBench.Check>) c -> {
            if (deviceTable.getSelectionModel().isEmpty() && !model.devices().isEmpty()) {
                deviceTable.getSelectionModel().selectFirst();
            }
        });
    }

    @FXML
    private void onTest() {
        DeviceBench.Check selected = deviceTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.test(selected.kind());
        }
    }

    @FXML
    private void onRetry() {
        model.retryQueued();
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }
}
