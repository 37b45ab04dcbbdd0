package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.checkout.TicketRow;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A parked sale survives closing the app and reopening the store in the same data directory. */
class ParkRestartUiTest {
    @TempDir
    Path dataDir;

    private static void signIn(RunningApp app) throws Exception {
        new FxRobot().write("1").type(KeyCode.ENTER).write("1111").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().session().activeBinding().get());
    }

    @Test
    void parkRestartRecall() throws Exception {
        FxRobot robot = new FxRobot();
        RunningApp app = RunningApp.start(dataDir);
        List<TicketRow> parkedLines;
        String parkedTotal;
        try {
            signIn(app);
            robot.write("2*" + DemoCatalog.primaryBarcode(0)).type(KeyCode.ENTER);
            app.settle();
            robot.write(DemoCatalog.primaryBarcode(4)).type(KeyCode.ENTER);
            app.settle();
            parkedLines = List.copyOf(app.shell().checkout().lines());
            parkedTotal = app.shell().checkout().totalProperty().get();
            assertThat(parkedLines).hasSize(2);
            robot.type(KeyCode.F7);
            app.settle();
            assertThat(app.shell().checkout().lines()).isEmpty();
            assertThat(app.shell().checkout().messageProperty().get()).isEqualTo("Sale parked. Recall it with F8.");
        } finally {
            app.stop();
        }

        RunningApp again = RunningApp.start(dataDir);
        try {
            signIn(again);
            robot.type(KeyCode.F8);
            again.settle();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> again.shell().checkout().recallShowingProperty().get());
            robot.type(KeyCode.ENTER);
            again.settle();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !again.shell().checkout().lines().isEmpty());
            assertThat(again.shell().checkout().lines()).isEqualTo(parkedLines);
            assertThat(again.shell().checkout().totalProperty().get()).isEqualTo(parkedTotal);
            assertThat(again.context().journal().after(0, 1000)).extracting(JournalEvent::type)
                    .containsSubsequence("SALE_PARKED", "SALE_RECALLED");
            assertThat(again.context().parkedSales().list()).isEmpty();
        } finally {
            again.stop();
        }
    }
}
