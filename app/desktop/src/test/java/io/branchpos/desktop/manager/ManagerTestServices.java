package io.branchpos.desktop.manager;

import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.dayclose.DayCloseRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.report.ReportRepository;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.store.till.CashRepository;
import io.branchpos.store.till.TillRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Currency;

/** A real store on a temp directory with the services wired synchronously, for view-model tests. */
public final class ManagerTestServices {
    public static final Currency EUR = Currency.getInstance("EUR");

    private ManagerTestServices() {
    }

    public static ManagerServices open(Path dir, int products) {
        Clock clock = Clock.systemUTC();
        LocalStore store = LocalStore.open(new StoreConfig(dir.resolve("db"), "T-VM", clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.OS_BUFFER));
        CatalogRepository catalog = new CatalogRepository(store);
        catalog.importAll(new DemoCatalog(products, 42), DemoCatalog.RATES);
        return new ManagerServices(store, catalog, new TillRepository(store), new CashRepository(store),
                new DayCloseRepository(store, EUR, new VariancePolicy(Money.of("2.00", EUR)),
                        new BusinessDayRule(ZoneOffset.UTC, LocalTime.of(4, 0))),
                new StockRepository(store), new ReportRepository(store, ZoneOffset.UTC), EUR, ZoneOffset.UTC,
                dir.resolve("exports"), Runnable::run, Runnable::run);
    }

    public static final ActingUser MANAGER = new ActingUser("u-mgr", ActingUser.MANAGER);
    public static final ActingUser CASHIER = new ActingUser("u-anna", ActingUser.CASHIER);
}
