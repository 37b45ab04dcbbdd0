package io.branchpos.desktop.feed;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.InputEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * A modal window over the till while the first catalog download (bootstrap) runs: a progress bar,
 * one line of text, no way to close it. The till cannot be used for selling until it is gone: input
 * aimed at the till's window is dropped meanwhile (not only hidden behind a modal window).
 * Polls the feed's state twice a second on the FX thread (the store read is a single-row query).
 */
public final class BootstrapWindow {
    private BootstrapWindow() {
    }

    /** Shows the window over {@code owner} if the catalog is not complete yet; closes itself when it is. */
    public static void showWhileIncomplete(Stage owner, CatalogFeed feed) {
        if (feed.readyToSell()) {
            return;
        }
        ProgressBar bar = new ProgressBar(-1);
        bar.setPrefWidth(480);
        Label text = new Label("Loading the catalog from HQ…");
        text.setWrapText(true);
        VBox box = new VBox(16, new Label("BranchPOS is getting its catalog"), bar, text);
        box.setPadding(new Insets(24));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.APPLICATION_MODAL);
        stage.setTitle("Catalog download");
        stage.setScene(new Scene(box, 560, 180));
        stage.setOnCloseRequest(e -> e.consume());
        // Modality alone does not stop keys: where the till keeps the keyboard focus (seen headless,
        // and a wedge scanner types into whatever has focus) they reached the sign-in field behind
        // this window. Every input event aimed at the till is dropped until the catalog is complete.
        EventHandler<InputEvent> gate = InputEvent::consume;
        owner.addEventFilter(InputEvent.ANY, gate);
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(500), e -> {
            BootstrapProgress p = BootstrapProgress.of(feed.state(), feed.status());
            bar.setProgress(p.fraction());
            text.setText(p.message());
            if (p.done()) {
                poll.stop();
                owner.removeEventFilter(InputEvent.ANY, gate);
                stage.hide();
            }
        }));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        Platform.runLater(stage::show);
    }
}
