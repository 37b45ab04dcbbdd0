package io.branchpos.desktop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Child JVM of {@link MainPulseRateTest}: runs the app through {@link Main} (as every launch does)
 * and, once its first window shows, prints {@code PULSE <toolkit's pulse timer rate>
 * <an animation's target frame rate>} and exits the app.
 */
final class PulseRateChild {
    private PulseRateChild() {
    }

    public static void main(String[] args) throws Exception {
        Thread probe = new Thread(() -> {
            try {
                while (true) {
                    CompletableFuture<String> seen = new CompletableFuture<>();
                    try {
                        Platform.runLater(() -> seen.complete(Window.getWindows().stream().anyMatch(Window::isShowing)
                                // the rate Quantum's pulse timer was started with (read once, at its start)
                                ? com.sun.javafx.tk.Toolkit.getToolkit().getRefreshRate() + " "
                                        + Math.round(new Timeline().getTargetFramerate())
                                : ""));
                    } catch (IllegalStateException toolkitNotUpYet) {
                        seen.complete("");
                    }
                    String rates = seen.get(60, TimeUnit.SECONDS);
                    if (!rates.isEmpty()) {
                        System.out.println("PULSE " + rates);
                        break;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                System.out.println("FAILED " + e);
            }
            System.out.flush();
            Platform.exit();
        }, "pulse-probe");
        probe.setDaemon(true);
        probe.start();
        Main.main(args);
    }
}
