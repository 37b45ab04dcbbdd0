package io.branchpos.desktop.devices;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.Stylesheets;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Devices screen in its own window (Ctrl+D on the selling screen); Esc closes it. */
public final class DevicesWindow {
    private DevicesWindow() {
    }

    public static Stage show(Window owner, DeviceBench bench, Executor background, Locale locale) {
        DevicesViewModel model = new DevicesViewModel(bench, background, Platform::runLater);
        Parent root = FxmlView.DEVICES.load(locale, type -> {
            if (type == DevicesController.class) {
                return new DevicesController(model);
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        });
        Scene scene = new Scene(root, 900, 640);
        scene.getStylesheets().add(Stylesheets.theme());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                ((Stage) scene.getWindow()).close();
            }
        });
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("BranchPOS — Devices");
        stage.setScene(scene);
        stage.show();
        model.refresh();
        return stage;
    }
}
