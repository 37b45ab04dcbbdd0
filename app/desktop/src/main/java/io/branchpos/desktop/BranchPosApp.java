package io.branchpos.desktop;

import io.branchpos.desktop.common.Beeper;
import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.common.Stylesheets;
import io.branchpos.desktop.config.AppConfig;
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

    /** Set by {@link Main} before launch (JavaFX creates this class itself). */
    static void configure(AppConfig cfg) {
        config = cfg;
    }

    @Override
    public void init() {
        context = AppContext.start(config);
    }

    @Override
    public void start(Stage stage) {
        Locale locale = Locale.forLanguageTag(config.get(AppConfig.LOCALE, "en"));
        ResourceBundle texts = FxmlView.Messages.bundle(locale);
        StatusBarViewModel status = new StatusBarViewModel();
        status.terminalProperty().set(MessageFormat.format(texts.getString("status.terminal"), config.terminalId()));
        status.syncProperty().set(texts.getString("status.sync.offline"));
        status.printerProperty().set(texts.getString("status.printer.virtual"));

        ReceiptOutput receipts = new TextReceiptOutput(new PlainTextReceipt(locale, texts, ZoneId.systemDefault()));
        shell = new TerminalShell(context, status, locale, receipts, CustomerFacing.NONE, Beeper.create());
        Scene scene = new Scene(shell.root(), 1280, 800);
        scene.getStylesheets().add(Stylesheets.theme());
        shell.install(scene);
        stage.setTitle("BranchPOS — " + config.terminalId());
        stage.setScene(scene);
        stage.show();
        shell.focus();

        context.storeExecutor().execute(() -> {
            long products = context.catalog().countProducts();
            String day = context.store().businessDay().toString();
            Platform.runLater(() -> {
                status.catalogProperty().set(MessageFormat.format(texts.getString("status.catalog"), products));
                status.businessDayProperty().set(MessageFormat.format(texts.getString("status.day"), day));
            });
        });

        config.screenshot().ifPresent(file -> Screenshots.takeWhenReady(scene, shell, context,
                config.get("screenshot.query", ""), config.get("screenshot.user", "u-anna"), file));
    }

    /** The running shell (tests drive it). */
    TerminalShell shell() {
        return shell;
    }

    AppContext context() {
        return context;
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
        log.info("BranchPOS stopped");
    }
}
