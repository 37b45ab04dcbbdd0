package io.branchpos.desktop.display;

import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.Stylesheets;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The customer display as a window, for a second monitor facing the customer ({@code --set
 * display=window}). Placed on the second screen when there is one.
 */
public final class CustomerWindow implements CustomerFacing {
    private final Label top = new Label();
    private final Label bottom = new Label();

    public CustomerWindow(String title) {
        top.getStyleClass().add("customer-top");
        bottom.getStyleClass().add("customer-bottom");
        VBox box = new VBox(24, top, bottom);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("customer-window");
        Scene scene = new Scene(box, 800, 300);
        scene.getStylesheets().add(Stylesheets.theme());
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(scene);
        if (Screen.getScreens().size() > 1) {
            var bounds = Screen.getScreens().get(1).getVisualBounds();
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
        }
        stage.show();
    }

    @Override
    public void show(String line1, String line2) {
        Platform.runLater(() -> {
            top.setText(line1);
            bottom.setText(line2);
        });
    }
}
