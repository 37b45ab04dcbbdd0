package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.checkout.ProductRow;
import io.branchpos.desktop.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real app, headless under Monocle: demo store on a fresh H2 file, typing searches the catalog. */
class MainWindowUiTest {
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startApp() throws Exception {
        BranchPosApp.configure(AppConfig.load(new String[] {"--demo", "--data-dir", dataDir.toString()},
                dataDir.resolve("no-system-file"), dataDir));
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(BranchPosApp.class);
    }

    private static javafx.application.Application app;

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void typingInTheSearchFieldListsMatchingDemoProducts() throws Exception {
        FxRobot robot = new FxRobot();
        robot.clickOn(".search-field").write("whole milk");
        ListView<ProductRow> list = robot.lookup(".result-list").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !list.getItems().isEmpty());
        assertThat(list.getItems()).allSatisfy(r -> assertThat(r.name()).containsIgnoringCase("whole milk"));
        assertThat(Files.exists(dataDir.resolve("branchpos.mv.db"))).isTrue();
    }

    @Test
    void statusBarShowsTerminalAndCatalogSize() throws Exception {
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("1,000 products").tryQuery().isPresent());
        assertThat(robot.lookup("Terminal DEMO-01").tryQuery()).isPresent();
    }
}
