package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.payment.PaymentViewModel;
import io.branchpos.store.demo.DemoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Walks the demo through sign-in, selling, payment, receipt and return, and saves a screenshot of
 * each into the directory given by {@code -Dscreenshots.dir=...} (see README). Runs only when that
 * property is set: the same flows are asserted by {@link CheckoutFlowUiTest}, and this walk costs
 * a minute on a loaded build machine.
 */
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class CheckoutScreenshotsUiTest {
    @TempDir
    Path dataDir;
    private final FxRobot robot = new FxRobot();
    private RunningApp app;

    private void shoot(String name) throws Exception {
        app.settle();
        Thread.sleep(300); // let the last layout pass and the caret settle
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir"));
        Path file = dir.resolve("checkout-" + name + ".png");
        robot.interact(() -> {
            try {
                Screenshots.write(robot.listWindows().get(0).getScene(), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    private void scan(String code) throws Exception {
        robot.write(code).type(KeyCode.ENTER);
        app.settle();
    }

    @Test
    void signInSellPayReceiptReturn() throws Exception {
        app = RunningApp.start(dataDir);
        try {
            robot.write("1");
            shoot("signin");
            robot.type(KeyCode.ENTER).write("1111").type(KeyCode.ENTER);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().session().activeBinding().get());

            scan("2*" + DemoCatalog.primaryBarcode(0)); // dairy
            scan(DemoCatalog.primaryBarcode(1)); // bakery
            scan(DemoCatalog.primaryBarcode(7)); // deli, per kg: asks for the weight
            scan("0.375");
            scan(DemoCatalog.primaryBarcode(9)); // electronics: asks for the serial
            scan("SN-4711-0815");
            scan(DemoCatalog.primaryBarcode(2));
            robot.write("5%").type(KeyCode.F4);
            app.settle();
            robot.write("choc");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.shell().checkout().results().isEmpty());
            shoot("selling");
            robot.type(KeyCode.ESCAPE);

            robot.type(KeyCode.F12);
            robot.write("20.00").type(KeyCode.TAB).write("TID-553201").type(KeyCode.F2);
            robot.clickOn(".amount-field");
            shoot("payment");
            robot.write("200").type(KeyCode.ENTER);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> app.shell().payment().stateProperty().get() == PaymentViewModel.State.PAID);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> !app.shell().payment().receiptTextProperty().get().isEmpty());
            shoot("receipt");
            String receipt = app.shell().payment().receiptNumberProperty().get();

            robot.type(KeyCode.ENTER).type(KeyCode.F9);
            WaitForAsyncUtils.waitForFxEvents();
            robot.write(receipt).type(KeyCode.ENTER);
            app.settle();
            robot.interact(() -> {
                app.shell().returns().lines().get(0).returnQuantityProperty().set("1");
                app.shell().returns().reasonProperty().set("customer return: wrong size");
            });
            robot.clickOn(".return-reason").type(KeyCode.F12);
            app.settle();
            robot.interact(() -> app.shell().returns().lines().get(3).returnQuantityProperty().set("1"));
            shoot("return");
        } finally {
            app.stop();
        }
    }
}
