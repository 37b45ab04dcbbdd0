package io.branchpos.desktop;

import io.branchpos.desktop.common.Beeper;
import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.common.Stylesheets;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.desktop.install.Kiosk;
import io.branchpos.desktop.sync.SyncStatusText;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import io.branchpos.domain.catalog.Product;
import io.branchpos.desktop.display.CustomerWindow;
import io.branchpos.desktop.display.PoleDisplayFacing;
import io.branchpos.desktop.receipt.EscPosReceiptOutput;
import io.branchpos.hardware.display.SerialPoleDisplay;
import io.branchpos.hardware.transport.SerialLink;
import io.branchpos.hardware.transport.SerialSettings;
import io.branchpos.desktop.receipt.PlainTextReceipt;
import io.branchpos.desktop.receipt.ReceiptOutput;
import io.branchpos.desktop.receipt.TextReceiptOutput;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the store, shows the cashier screen, closes everything at exit. */
public final class BranchPosApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(BranchPosApp.class);

    private static volatile AppConfig config;
    private AppContext context;
    private TerminalShell shell;
    private EscPosReceiptOutput printer;
    private PoleDisplayFacing pole;
    private CustomerFacing display = CustomerFacing.NONE;
    private io.branchpos.hardware.scale.SerialScale scaleDevice;
    /** Device calls block (up to their timeouts): never on the FX thread, never on the store's thread. */
    private final java.util.concurrent.ExecutorService deviceExecutor =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "branchpos-devices");
                t.setDaemon(true);
                return t;
            });

    /** The store opening on its own thread while the toolkit starts (see {@link #openStoreEarly}). */
    private static volatile AppContext earlyContext;
    /** Set when the store could not open: the app closes and {@link Main} exits with 1. */
    static volatile boolean startFailed;

    /** Set by {@link Main} before launch (JavaFX creates this class itself). */
    static void configure(AppConfig cfg) {
        config = cfg;
        earlyContext = null;
        startFailed = false;
    }

    /**
     * Starts opening the store (H2, Flyway, Hibernate, demo set-up) now, on its own thread, so it
     * overlaps the JavaFX toolkit's start-up and the building of the first scene. Called by {@link Main}.
     */
    static void openStoreEarly() {
        earlyContext = AppContext.opening(config);
    }

    @Override
    public void init() {
        io.branchpos.store.StartupTimeline.mark("JavaFX toolkit up");
        AppContext early = earlyContext;
        earlyContext = null;
        // the UI is built while the store opens (decision 0017, replacing 0012's gate at "store
        // open"): with Hibernate off the way to ready-to-scan (decision 0016) opening the store is H2
        // and Flyway on one thread, so the screens get the other core. Everything that reads or
        // writes the store waits for all of it (AppContext's accessors, the store thread): sign-in
        // never meets a half-set-up store.
        context = early != null ? early : AppContext.opening(config);
        io.branchpos.store.StartupTimeline.mark("building the UI");
    }

    @Override
    public void start(Stage stage) {
        Locale locale = Locale.forLanguageTag(config.get(AppConfig.LOCALE, "en"));
        ResourceBundle texts = FxmlView.Messages.bundle(locale);
        StatusBarViewModel status = new StatusBarViewModel();
        status.terminalProperty().set(MessageFormat.format(texts.getString("status.terminal"), config.terminalId()));
        status.syncProperty().set(texts.getString("status.sync.offline"));
        context.whenReady().whenComplete((ready, failed) -> {
            if (failed != null) {
                log.error("BranchPOS cannot start: {}", failed.getMessage(), failed);
                startFailed = true;
                Platform.exit();
            } else {
                io.branchpos.store.StartupTimeline.mark("store ready for the UI");
                Platform.runLater(() -> storeReady(stage, status, texts, locale));
            }
        });
        status.printerProperty().set(texts.getString("status.printer.virtual"));

        PlainTextReceipt layout = new PlainTextReceipt(locale, texts, ZoneId.systemDefault());
        ReceiptOutput receipts;
        try {
            printer = EscPosReceiptOutput.open(config.get(AppConfig.PRINTER, "virtual"), layout, config.dataDir(),
                    context.clock());
            receipts = printer;
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("No receipt printer ({}): receipts are shown on screen only", e.getMessage());
            receipts = new TextReceiptOutput(layout);
        }
        display = customerDisplay();
        shell = new TerminalShell(context, status, locale, receipts, display, Beeper.create());
        // weighed items take their weight from the scale when one is configured (typing still works)
        scale().ifPresent(sc -> shell.checkout().useScale(() -> {
            io.branchpos.hardware.scale.WeightReading r = sc.read();
            return r.isSellable() ? java.util.Optional.of(r.kilograms()) : java.util.Optional.empty();
        }, deviceExecutor));
        Scene scene = new Scene(shell.root(), 1280, 800);
        scene.getStylesheets().add(Stylesheets.theme());
        shell.install(scene);
        stage.setTitle("BranchPOS — " + config.terminalId());
        stage.setScene(scene);
        if (Kiosk.enabled(config)) {
            Kiosk.apply(stage);
        }
        stage.show();
        shell.focus();
        io.branchpos.store.StartupTimeline.mark("first scene shown");
        // Hibernate (~1-2 s of CPU) is not needed to sign in, scan, search or sell (decision 0016):
        // its bootstrap starts once a cashier has signed in, the start's catalog loads are done and
        // nobody has pressed a key for a moment (decision 0409), so it does not compete with the
        // sign-in, the first search and the first scans for the two cores; a screen or write that
        // needs it before then (parking, a refund, the manager's area) starts it and waits for it
        shell.session().userProperty().addListener(new javafx.beans.value.ChangeListener<Object>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<?> o, Object was, Object signedIn) {
                if (signedIn != null) {
                    o.removeListener(this); // once
                    io.branchpos.store.StartupTimeline.mark("cashier signed in");
                    // then payment and returns built ahead of first use while the FX thread is idle
                    // between sales, never before ready (decision 0023)
                    context.whenCatalogLoaded().thenRun(() -> Platform.runLater(() -> shell.prebuildWhenIdle(() -> {
                        io.branchpos.store.StartupTimeline.mark("till idle: starting Hibernate's bootstrap");
                        context.startHibernate();
                    })));
                }
            }
        });
        // the store manager's area (issue 7): Ctrl+M, as the signed-in user
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.M
                    && shell.session().activeBinding().get()) {
                e.consume();
                openManager(stage, locale);
            }
            // devices: state, test print, drawer, display, scale (issue 4): Ctrl+D
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.D
                    && shell.session().activeBinding().get()) {
                e.consume();
                io.branchpos.desktop.devices.DevicesWindow.show(stage, devices(), deviceExecutor, locale);
            }
            // sync with HQ: waiting events and quarantined ones with HQ's reasons (issue 5): Ctrl+Y
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.Y
                    && shell.session().activeBinding().get()) {
                e.consume();
                io.branchpos.desktop.sync.SyncWindow.show(stage, syncScreen(texts), locale);
            }
        });

        context.storeExecutor().execute(() -> {
            long products = context.catalog().countProducts();
            String day = context.store().businessDay().toString();
            Platform.runLater(() -> {
                status.catalogProperty().set(new MessageFormat(texts.getString("status.catalog"), locale)
                        .format(new Object[] {products}));
                status.businessDayProperty().set(MessageFormat.format(texts.getString("status.day"), day));
            });
        });

        config.screenshot().ifPresent(file -> Screenshots.takeWhenReady(scene, shell, context,
                config.get("screenshot.query", ""), config.get("screenshot.user", "u-anna"), file));
    }

    /** On the FX thread once the store is open: the sync state in the status bar, HQ's catalog bootstrap. */
    private void storeReady(Stage stage, StatusBarViewModel status, ResourceBundle texts, Locale locale) {
        context.sync().ifPresent(engine -> {
            Runnable show = () -> status.syncProperty().set(SyncStatusText.of(engine.status(),
                    context.clock().instant(), texts));
            engine.addListener(s -> Platform.runLater(show)); // listeners run on the sync thread
            show.run();
            // the age of the oldest waiting event keeps ticking between snapshots
            Timeline tick = new Timeline(new KeyFrame(Duration.seconds(15), e -> show.run()));
            tick.setCycleCount(Animation.INDEFINITE);
            tick.play();
        });
        context.catalogFeed().ifPresent(feed -> io.branchpos.desktop.feed.BootstrapWindow.showWhileIncomplete(stage, feed));
    }

    private Stage managerStage;

    /** The manager's area (till, day close, stock, reports) in its own window; one at a time. */
    private void openManager(Stage owner, Locale locale) {
        if (managerStage != null && managerStage.isShowing()) {
            managerStage.toFront();
            return;
        }
        var user = shell.session().requireUser();
        managerStage = io.branchpos.desktop.manager.ManagerWindow.show(owner,
                io.branchpos.desktop.manager.ManagerWiring.services(context, Platform::runLater),
                io.branchpos.desktop.manager.ActingUser.of(user), locale, context.store().businessDay(),
                io.branchpos.desktop.manager.ManagerWiring.printer(context,
                        printer == null ? null : printer.virtualPrinter()));
    }

    /** {@code display}: {@code none} (default), {@code window} (a second window), or a serial port of a pole display. */
    private CustomerFacing customerDisplay() {
        String setting = config.get("display", "none");
        try {
            if ("window".equals(setting)) {
                return new CustomerWindow("BranchPOS — customer");
            }
            if (setting.startsWith("serial:")) {
                pole = new PoleDisplayFacing(new SerialPoleDisplay(new SerialLink(
                        SerialSettings.of(setting.substring("serial:".length()))), 20));
                return pole;
            }
        } catch (RuntimeException e) {
            log.warn("Customer display {} not available: {}", setting, e.getMessage());
        }
        return CustomerFacing.NONE;
    }

    /** The sync screen's view model over this terminal's journal and sync engine. */
    io.branchpos.desktop.sync.SyncViewModel syncScreen(ResourceBundle texts) {
        return new io.branchpos.desktop.sync.SyncViewModel(context.journal(),
                () -> context.sync().map(engine -> SyncStatusText.of(engine.status(), context.clock().instant(), texts))
                        .orElse(texts.getString("status.sync.offline")),
                context.storeExecutor(), Platform::runLater, ZoneId.systemDefault(), texts);
    }

    /** The devices as configured ({@code printer}, {@code display}, {@code scale} + {@code scale.protocol}). */
    io.branchpos.desktop.devices.TerminalDevices devices() {
        return new io.branchpos.desktop.devices.TerminalDevices(printer, display, config.get("display", "none"),
                scale());
    }

    /** {@code scale=serial:/dev/ttyUSB0} with {@code scale.protocol=toledo} (default) or {@code cas}. */
    private java.util.Optional<io.branchpos.hardware.scale.Scale> scale() {
        String setting = config.get("scale", "none");
        if (!setting.startsWith("serial:")) {
            return java.util.Optional.empty();
        }
        if (scaleDevice == null) {
            String port = setting.substring("serial:".length());
            boolean cas = "cas".equalsIgnoreCase(config.get("scale.protocol", "toledo"));
            scaleDevice = new io.branchpos.hardware.scale.SerialScale(new SerialLink(cas ? SerialSettings.of(port)
                    : SerialSettings.sevenEvenOne(port)), cas ? new io.branchpos.hardware.scale.CasEcrProtocol()
                    : new io.branchpos.hardware.scale.Toledo8217Protocol(), java.time.Duration.ofSeconds(2));
        }
        return java.util.Optional.of(scaleDevice);
    }

    /** The running shell (tests drive it). */
    TerminalShell shell() {
        return shell;
    }

    AppContext context() {
        return context;
    }

    /** The receipt printer output, if one could be opened (tests read the virtual printer). */
    EscPosReceiptOutput printer() {
        return printer;
    }

    @Override
    public void stop() {
        deviceExecutor.shutdownNow();
        if (printer != null) {
            printer.close();
        }
        if (pole != null) {
            pole.close();
        }
        if (context != null) {
            context.close();
        }
        log.info("BranchPOS stopped");
    }
}
