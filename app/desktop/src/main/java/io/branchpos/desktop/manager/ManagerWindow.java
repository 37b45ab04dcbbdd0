package io.branchpos.desktop.manager;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.common.Stylesheets;
import io.branchpos.desktop.dayclose.DayCloseController;
import io.branchpos.desktop.dayclose.DayCloseViewModel;
import io.branchpos.desktop.dayclose.ZPrinter;
import io.branchpos.desktop.reports.ReportsController;
import io.branchpos.desktop.reports.ReportsViewModel;
import io.branchpos.desktop.stock.CountViewModel;
import io.branchpos.desktop.stock.ReceiveViewModel;
import io.branchpos.desktop.stock.StockController;
import io.branchpos.desktop.stock.StockListViewModel;
import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The store manager's area: till, close the day, stock, reports — one tab each, every tab an
 * FXML view with a thin controller over its view model. Opened from the cashier screen with Ctrl+M, as the signed-in user.
 */
public final class ManagerWindow {
    private ManagerWindow() {
    }

    /**
     * Builds the tab pane. {@code printer} prints X/Z reports on the receipt printer (null: none).
     */
    public static TabPane create(ManagerServices services, ActingUser user, Locale locale, LocalDate today,
            ZPrinter printer) {
        ResourceBundle texts = FxmlView.Messages.bundle(locale);
        TillViewModel till = new TillViewModel(services, user, printer);
        DayCloseViewModel close = new DayCloseViewModel(services, user, printer);
        ReceiveViewModel receive = new ReceiveViewModel(services, user);
        CountViewModel count = new CountViewModel(services, user);
        StockListViewModel list = new StockListViewModel(services, user);
        ReportsViewModel reports = new ReportsViewModel(services, user, today);
        // a day close changes the till; show it when the manager comes back to the till tab
        close.stepProperty().addListener((o, a, b) -> till.refresh());

        TabPane tabs = new TabPane();
        tabs.getStyleClass().add("manager-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(tab(texts.getString("manager.tab.till"), "tab-till",
                FxmlView.MANAGER_TILL.load(locale, only(TillController.class, () -> new TillController(till)))));
        tabs.getTabs().add(tab(texts.getString("manager.tab.close"), "tab-close",
                FxmlView.DAY_CLOSE.load(locale, only(DayCloseController.class,
                        () -> new DayCloseController(close)))));
        tabs.getTabs().add(tab(texts.getString("manager.tab.stock"), "tab-stock",
                FxmlView.STOCK.load(locale, only(StockController.class,
                        () -> new StockController(receive, count, list)))));
        tabs.getTabs().add(tab(texts.getString("manager.tab.reports"), "tab-reports",
                FxmlView.REPORTS.load(locale, only(ReportsController.class, () -> new ReportsController(reports)))));
        return tabs;
    }

    /** Opens the manager area in its own window over {@code owner}. */
    public static Stage show(Window owner, ManagerServices services, ActingUser user, Locale locale, LocalDate today,
            ZPrinter printer) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(FxmlView.Messages.bundle(locale).getString("manager.title"));
        Scene scene = new Scene(create(services, user, locale, today, printer), 1200, 800);
        scene.getStylesheets().add(Stylesheets.theme());
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static Tab tab(String title, String id, Parent content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private static javafx.util.Callback<Class<?>, Object> only(Class<?> type, java.util.function.Supplier<Object> make) {
        return requested -> {
            if (requested == type) {
                return make.get();
            }
            throw new IllegalStateException("no controller registered for " + requested.getName());
        };
    }
}
