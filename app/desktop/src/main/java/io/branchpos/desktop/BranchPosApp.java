package io.branchpos.desktop;

import io.branchpos.desktop.checkout.CheckoutController;
import io.branchpos.desktop.checkout.CheckoutViewModel;
import io.branchpos.desktop.checkout.ProductSearch;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.common.Stylesheets;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.desktop.install.Kiosk;
import io.branchpos.domain.catalog.Product;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the store, shows the cashier screen, closes everything at exit. */
public final class BranchPosApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(BranchPosApp.class);

    private static volatile AppConfig config;
    private AppContext context;

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

        CheckoutViewModel checkout = new CheckoutViewModel(storeSearch(), context.storeExecutor(), Platform::runLater,
                locale);
        CheckoutController[] controller = new CheckoutController[1];
        Parent root = FxmlView.CHECKOUT.load(locale, type -> {
            if (type == CheckoutController.class) {
                controller[0] = new CheckoutController(checkout, status);
                return controller[0];
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        });
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Stylesheets.theme());
        stage.setTitle("BranchPOS — " + config.terminalId());
        stage.setScene(scene);
        if (Kiosk.enabled(config)) {
            Kiosk.apply(stage);
        }
        stage.show();
        controller[0].focusSearch();

        context.storeExecutor().execute(() -> {
            long products = context.catalog().countProducts();
            String day = context.store().businessDay().toString();
            Platform.runLater(() -> {
                status.catalogProperty().set(MessageFormat.format(texts.getString("status.catalog"), products));
                status.businessDayProperty().set(MessageFormat.format(texts.getString("status.day"), day));
            });
        });

        config.screenshot().ifPresent(file -> Screenshots.takeWhenReady(scene, checkout,
                config.get("screenshot.query", ""), file));
    }

    private ProductSearch storeSearch() {
        return new ProductSearch() {
            @Override
            public List<Product> search(String query, int limit) {
                return context.catalog().search(query, limit);
            }

            @Override
            public Optional<Product> byBarcode(String code) {
                return context.catalog().findByBarcode(code);
            }
        };
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
        log.info("BranchPOS stopped");
    }
}
