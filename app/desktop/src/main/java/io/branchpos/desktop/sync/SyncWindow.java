package io.branchpos.desktop.sync;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.ToolWindow;
import java.util.Locale;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The sync screen in its own window (Ctrl+Y on the selling screen); Esc closes it. */
public final class SyncWindow {
    private SyncWindow() {
    }

    public static Stage show(Window owner, SyncViewModel model, Locale locale) {
        Stage stage = ToolWindow.show(owner, FxmlView.SYNC, SyncController.class, () -> new SyncController(model),
                locale, "BranchPOS — Sync", 960, 560);
        model.refresh();
        return stage;
    }
}
