package io.branchpos.desktop.manager;

import io.branchpos.desktop.AppContext;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.dayclose.DayCloseRepository;
import io.branchpos.store.report.ReportRepository;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.store.till.CashRepository;
import io.branchpos.store.till.TillRepository;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.concurrent.Executor;

/**
 * Builds {@link ManagerServices} from the running app. Settings (with their defaults):
 * {@code currency} (EUR), {@code close.variance.threshold} (5.00), {@code business.day.rollover} (04:00).
 */
public final class ManagerWiring {
    private ManagerWiring() {
    }

    public static ManagerServices services(AppContext app, Executor ui) {
        var config = app.config();
        Currency currency = Currency.getInstance(config.get("currency", "EUR"));
        ZoneId zone = app.clock().getZone();
        var store = app.store();
        return new ManagerServices(store, app.catalog(), new TillRepository(store), new CashRepository(store),
                new DayCloseRepository(store, currency,
                        new VariancePolicy(Money.of(config.get("close.variance.threshold", "5.00"), currency)),
                        new BusinessDayRule(zone, LocalTime.parse(config.get("business.day.rollover", "04:00")))),
                new StockRepository(store), new ReportRepository(store, zone), currency, zone,
                config.dataDir().resolve("exports"), app.storeExecutor(), ui);
    }

    /** The acting user until sign-in exists (issue 3): {@code manager.user}, default "manager". */
    public static ActingUser actingUser(AppContext app) {
        return new ActingUser(app.config().get("manager.user", "manager"), ActingUser.MANAGER);
    }
}
