package io.branchpos.desktop;

import io.branchpos.desktop.config.AppConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real app on a data directory, started and stopped like a user would (tests restart it on the same files). */
final class RunningApp {
    private final Application app;

    private RunningApp(Application app) {
        this.app = app;
    }

    static RunningApp start(Path dataDir, String... extraArgs) throws Exception {
        String[] base = {"--demo", "--data-dir", dataDir.toString()};
        String[] args = new String[base.length + extraArgs.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
        BranchPosApp.configure(AppConfig.load(args, dataDir.resolve("no-system-file"), dataDir));
        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(BranchPosApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        return new RunningApp(app);
    }

    /** Signs in on the sign-in screen as a person would (user number, Enter, PIN, Enter) and waits for it. */
    RunningApp signIn(String userNumber, String pin) throws Exception {
        org.testfx.api.FxRobot robot = new org.testfx.api.FxRobot();
        robot.clickOn(".signin .big-field").write(userNumber).type(javafx.scene.input.KeyCode.ENTER).write(pin)
                .type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shell().session().activeBinding().get());
        return this;
    }

    BranchPosApp app() {
        return (BranchPosApp) app;
    }

    TerminalShell shell() {
        return app().shell();
    }

    AppContext context() {
        return app().context();
    }

    /** Waits until the store executor has run everything queued so far. */
    void settle() throws Exception {
        context().storeExecutor().submit(() -> { }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
