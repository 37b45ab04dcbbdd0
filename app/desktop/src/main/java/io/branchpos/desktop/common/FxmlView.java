package io.branchpos.desktop.common;

import java.io.IOException;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Every FXML file of the app, reached through this enum. Loading fails loudly if the file or its
 * controller is missing, instead of showing half a screen.
 */
public enum FxmlView {
    CHECKOUT("/io/branchpos/desktop/checkout/checkout.fxml"),
    SIGN_IN("/io/branchpos/desktop/signin/signin.fxml"),
    PAYMENT("/io/branchpos/desktop/payment/payment.fxml"),
    RETURNS("/io/branchpos/desktop/returns/returns.fxml"),
    APPROVAL("/io/branchpos/desktop/approval/approval.fxml"),
    // the store manager's area (issue 7)
    MANAGER_TILL("/io/branchpos/desktop/manager/till.fxml"),
    DAY_CLOSE("/io/branchpos/desktop/dayclose/dayclose.fxml"),
    STOCK("/io/branchpos/desktop/stock/stock.fxml"),
    REPORTS("/io/branchpos/desktop/reports/reports.fxml"),
    // devices: state and tests (issue 4)
    DEVICES("/io/branchpos/desktop/devices/devices.fxml");

    private final String path;

    FxmlView(String path) {
        this.path = path;
    }

    /** Loads the view; {@code controllers} creates its controller (with its view model injected). */
    public Parent load(Locale locale, Callback<Class<?>, Object> controllers) {
        URL url = Objects.requireNonNull(FxmlView.class.getResource(path), "FXML missing from the build: " + path);
        FXMLLoader loader = new FXMLLoader(url, Messages.bundle(locale));
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load " + path + ": " + e.getMessage(), e);
        }
    }

    /** The resource bundle of the UI texts. */
    public static final class Messages {
        private Messages() {
        }

        public static ResourceBundle bundle(Locale locale) {
            return ResourceBundle.getBundle("io.branchpos.desktop.messages", locale);
        }
    }
}
