package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.devices.DeviceBench;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Devices screen of the real demo app (Ctrl+D): it shows the virtual printer's state, a test
 * print comes out on it, a printer out of paper is shown in words and keeps the receipt queued,
 * and "print waiting receipts" prints it once paper is back. Saves {@code devices.png}.
 */
class DevicesFromMainWindowUiTest {
    @TempDir
    static Path dataDir;
    private static RunningApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningApp.start(dataDir).signIn("3", "3333");
    }

    @AfterAll
    static void stopApp() throws Exception {
        app.stop();
    }

    @Test
    void testPrintPaperOutAndRetryOnTheVirtualPrinter() throws Exception {
        FxRobot robot = new FxRobot();
        VirtualPrinter printer = app.app().printer().virtualPrinter();
        robot.push(KeyCode.CONTROL, KeyCode.D);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> devicesWindow() != null);
        TableView<DeviceBench.Check> table = robot.lookup(".device-table").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 5);
        assertThat(table.getItems().get(0).kind()).isEqualTo(DeviceBench.Kind.PRINTER);
        assertThat(table.getItems().get(0).ok()).isTrue();

        int before = printer.completeJobs().size();
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#testButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> printer.completeJobs().size() == before + 1);

        printer.setPaperOut(true);
        Label message = robot.lookup(".device-message").queryAs(Label.class);
        ListView<DeviceBench.QueuedJob> jobs = robot.lookup(".job-list").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#testButton").queryButton().isDisabled());
        robot.clickOn("#testButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().size() == 1);
        assertThat(message.getText()).startsWith("✖").containsIgnoringCase("paper");
        assertThat(table.getItems().get(0).ok()).isFalse();
        shoot(devicesWindow());

        printer.setPaperOut(false);
        robot.clickOn("#retryButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> jobs.getItems().isEmpty());
        assertThat(printer.completeJobs()).hasSize(before + 2);
        assertThat(message.getText()).isEqualTo("✔ All receipts printed");
    }

    private static Stage devicesWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().contains("Devices")).map(Stage.class::cast).findFirst().orElse(null);
    }

    private static void shoot(Stage stage) throws Exception {
        Path file = Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolve("devices.png");
        new FxRobot().interact(() -> {
            try {
                Screenshots.write(stage.getScene(), file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }
}
