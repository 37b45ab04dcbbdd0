package io.branchpos.desktop.common;

import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A secondary screen (Devices, Sync…) in its own window over the till, themed, closed with Esc. */
public final class ToolWindow {
    private ToolWindow() {
    }

    /** Loads {@code view} with the one controller it needs, and shows it. */
    public static <C> Stage show(Window owner, FxmlView view, Class<C> controllerType, Supplier<C> controller,
            Locale locale, String title, double width, double height) {
        Parent root = view.load(locale, type -> {
            if (type == controllerType) {
                return controller.get();
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        });
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Stylesheets.theme());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                ((Stage) scene.getWindow()).close();
            }
        });
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
