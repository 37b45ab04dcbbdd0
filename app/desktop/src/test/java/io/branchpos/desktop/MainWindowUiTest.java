package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.checkout.ProductRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real app, headless under Monocle: demo store on a fresh H2 file, sign in, typing searches the catalog. */
class MainWindowUiTest {
    @TempDir
    static Path dataDir;
    private static RunningApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningApp.start(dataDir);
        FxRobot robot = new FxRobot();
        robot.clickOn(".signin .big-field").write("1").type(KeyCode.ENTER).write("1111").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().session().activeBinding().get());
    }

    @AfterAll
    static void stopApp() throws Exception {
        app.stop();
    }

    @Test
    void typingInTheSearchFieldListsMatchingDemoProducts() throws Exception {
        FxRobot robot = new FxRobot();
        robot.clickOn(".search-field").write("whole milk");
        ListView<ProductRow> list = robot.lookup(".result-list").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !list.getItems().isEmpty());
        assertThat(list.getItems()).allSatisfy(r -> assertThat(r.name()).containsIgnoringCase("whole milk"));
        assertThat(Files.exists(dataDir.resolve("branchpos.mv.db"))).isTrue();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void statusBarShowsTerminalAndCatalogSize() throws Exception {
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("1,000 products").tryQuery().isPresent());
        assertThat(robot.lookup("Terminal DEMO-01").tryQuery()).isPresent();
    }
}
