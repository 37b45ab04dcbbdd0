package io.branchpos.desktop.sync;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.Stylesheets;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The sync screen in its own window (Ctrl+Y on the selling screen); Esc closes it. */
public final class SyncWindow {
    private SyncWindow() {
    }

    public static Stage show(Window owner, SyncViewModel model, Locale locale) {
        Parent root = FxmlView.SYNC.load(locale, type -> {
            if (type == SyncController.class) {
                return new SyncController(model);
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        });
        Scene scene = new Scene(root, 960, 560);
        scene.getStylesheets().add(Stylesheets.theme());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                ((Stage) scene.getWindow()).close();
            }
        });
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("BranchPOS — Sync");
        stage.setScene(scene);
        stage.show();
        model.refresh();
        return stage;
    }
}
