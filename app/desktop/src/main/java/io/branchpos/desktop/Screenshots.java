package io.branchpos.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --screenshot FILE}: renders the main window to a PNG and exits (headless under Monocle). */
final class Screenshots {
    private static final Logger log = LoggerFactory.getLogger(Screenshots.class);
    static volatile boolean failed;

    private Screenshots() {
    }

    static void takeWhenReady(Scene scene, TerminalShell shell, AppContext context, String query, String userId,
            Path file) {
        // the screenshot shows the selling screen: sign the demo user in without a PIN
        context.users().findById(userId).ifPresent(u -> shell.session().signIn(u));
        if (!query.isBlank()) {
            shell.checkout().queryProperty().set(query);
        }
        // give the background search and the status bar a moment to arrive, then draw
        PauseTransition settle = new PauseTransition(Duration.millis(query.isBlank() ? 600 : 1500));
        settle.setOnFinished(e -> {
            try {
                write(scene, file);
            } catch (IOException | RuntimeException ex) {
                failed = true;
                log.error("Could not write the screenshot {}: {}", file, ex.getMessage(), ex);
            }
            Platform.exit();
        });
        settle.play();
    }

    static void write(Scene scene, Path file) throws IOException {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage image = scene.snapshot(null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        log.info("Screenshot written to {} ({}x{})", file.toAbsolutePath(), (int) image.getWidth(),
                (int) image.getHeight());
    }
}
