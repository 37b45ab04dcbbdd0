package io.branchpos.desktop.install;

import io.branchpos.desktop.config.AppConfig;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * Kiosk mode ({@code kiosk=true} in the configuration, or {@code --set kiosk=true}): the main window
 * fills the screen and Esc does not leave full screen. The packages' autostart entry turns it on.
 */
public final class Kiosk {
    public static final String KEY = "kiosk";

    private Kiosk() {
    }

    public static boolean enabled(AppConfig config) {
        return Boolean.parseBoolean(config.get(KEY, "false").trim());
    }

    /** Call on the FX thread before {@code stage.show()}. */
    public static void apply(Stage stage) {
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
    }
}
