package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.config.AppConfig;
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
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real demo app: F10 on the cashier screen opens the manager area, wired to the real store. */
class ManagerFromMainWindowUiTest {
    @TempDir
    static Path dataDir;

    private static javafx.application.Application app;

    @BeforeAll
    static void startApp() throws Exception {
        BranchPosApp.configure(AppConfig.load(new String[] {"--demo", "--data-dir", dataDir.toString()},
                dataDir.resolve("no-system-file"), dataDir));
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(BranchPosApp.class);
    }

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void f10OpensTheManagerAreaWithTheXReportOfTheCurrentDay() throws Exception {
        FxRobot robot = new FxRobot();
        robot.clickOn(".search-field");
        robot.type(KeyCode.F10);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().contains("Manager")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#xList").tryQuery().isPresent());
        ListView<String> x = robot.lookup("#xList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !x.getItems().isEmpty());
        assertThat(x.getItems().get(0)).contains("X REPORT");
        assertThat(robot.lookup("Close the day").tryQuery()).isPresent();
    }
}
