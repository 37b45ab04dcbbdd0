package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
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
 * The real demo app: the manager signs in, Ctrl+M opens the manager area on the real store as
 * that user, and the X report prints on the same virtual printer as the receipts.
 */
class ManagerFromMainWindowUiTest {
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
    void ctrlMOpensTheManagerAreaAndTheXReportPrintsOnTheVirtualPrinter() throws Exception {
        FxRobot robot = new FxRobot();
        robot.push(KeyCode.CONTROL, KeyCode.M);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("Manager")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#xList").tryQuery().isPresent());
        ListView<String> x = robot.lookup("#xList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !x.getItems().isEmpty());
        assertThat(x.getItems().get(0)).contains("X REPORT");

        int before = app.app().printer().virtualPrinter().completeJobs().size();
        robot.clickOn("#printXButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.app().printer().virtualPrinter().completeJobs().size() == before + 1);
        var job = app.app().printer().virtualPrinter().completeJobs().get(before);
        assertThat(String.join("\n", job.rendered().textLines())).contains("X REPORT");
    }
}
