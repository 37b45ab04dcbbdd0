package io.branchpos.desktop.devices;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.ToolWindow;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Devices screen in its own window (Ctrl+D on the selling screen); Esc closes it. */
public final class DevicesWindow {
    private DevicesWindow() {
    }

    public static Stage show(Window owner, DeviceBench bench, Executor background, Locale locale) {
        DevicesViewModel model = new DevicesViewModel(bench, background, Platform::runLater);
        Stage stage = ToolWindow.show(owner, FxmlView.DEVICES, DevicesController.class,
                () -> new DevicesController(model), locale, "BranchPOS — Devices", 900, 640);
        model.refresh();
        return stage;
    }
}
