package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.store.demo.DemoCatalog;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The payment and returns screens are built ahead of their first use once the till is ready and
 * nobody is typing (decision 0023): not while the sign-in screen waits, and the first Pay and the
 * first Returns show the screens built then, not new ones.
 */
class ScreensBuiltAheadUiTest {
    @TempDir
    Path dataDir;

    @Test
    void paymentAndReturnsAreBuiltOnceAfterSignInWhileIdleAndReusedOnFirstUse() throws Exception {
        FxRobot robot = new FxRobot();
        RunningApp app = RunningApp.start(dataDir);
        try {
            // the start's work done and the FX thread idle for longer than the quiet time: still
            // nothing built ahead while nobody is signed in
            app.context().whenCatalogLoaded().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Thread.sleep((long) (TerminalShell.PREBUILD_QUIET.toMillis() * 2.5));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(app.shell().builtView(TerminalShell.Screen.PAYMENT)).isNull();
            assertThat(app.shell().builtView(TerminalShell.Screen.RETURNS)).isNull();

            app.signIn("1", "1111");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> app.shell().builtView(TerminalShell.Screen.PAYMENT) != null
                            && app.shell().builtView(TerminalShell.Screen.RETURNS) != null);
            Parent payment = app.shell().builtView(TerminalShell.Screen.PAYMENT);
            Parent returns = app.shell().builtView(TerminalShell.Screen.RETURNS);
            Parent root = app.shell().root();
            assertThat(root.getChildrenUnmodifiable()).containsOnlyOnce(payment, returns);
            assertThat(payment.isVisible()).isFalse();
            assertThat(returns.isVisible()).isFalse();
            // under the approval dialog and the sign-in screen, as when built on first use
            int approval = root.getChildrenUnmodifiable().size() - 2;
            assertThat(root.getChildrenUnmodifiable().indexOf(payment)).isLessThan(approval);
            assertThat(root.getChildrenUnmodifiable().indexOf(returns)).isLessThan(approval);

            robot.type(KeyCode.F9);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(app.shell().screenProperty().get()).isEqualTo(TerminalShell.Screen.RETURNS);
            assertThat(app.shell().builtView(TerminalShell.Screen.RETURNS)).isSameAs(returns);
            assertThat(returns.isVisible()).isTrue();
            robot.type(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitForFxEvents();

            robot.write(DemoCatalog.primaryBarcode(0)).type(KeyCode.ENTER);
            app.settle();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.shell().checkout().lines().isEmpty());
            robot.type(KeyCode.F12);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(app.shell().screenProperty().get()).isEqualTo(TerminalShell.Screen.PAYMENT);
            assertThat(app.shell().builtView(TerminalShell.Screen.PAYMENT)).isSameAs(payment);
            assertThat(payment.isVisible()).isTrue();
            assertThat(root.getChildrenUnmodifiable()).containsOnlyOnce(payment, returns);
        } finally {
            app.stop();
        }
    }
}
