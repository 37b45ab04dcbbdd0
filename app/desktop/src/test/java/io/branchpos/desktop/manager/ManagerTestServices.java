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
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return open(dir, products, Runnable::run, Runnable::run);
    }

    /** The same with real threads: {@code background} for the store, {@code ui} for results. */
    public static ManagerServices open(Path dir, int products, java.util.concurrent.Executor background,
            java.util.concurrent.Executor ui) {
        Clock clock = Clock.systemUTC();
        LocalStore store = LocalStore.open(new StoreConfig(dir.resolve("db"), "T-VM", clock,
                new UuidV7Generator(clock, new SecureRandom()), StoreConfig.Durability.OS_BUFFER));
        CatalogRepository catalog = new CatalogRepository(store);
        catalog.importAll(new DemoCatalog(products, 42), DemoCatalog.RATES);
        return new ManagerServices(store, catalog, new TillRepository(store), new CashRepository(store),
                new DayCloseRepository(store, EUR, new VariancePolicy(Money.of("2.00", EUR)),
                        new BusinessDayRule(ZoneOffset.UTC, LocalTime.of(4, 0))),
                new StockRepository(store), new ReportRepository(store, ZoneOffset.UTC), EUR, ZoneOffset.UTC,
                dir.resolve("exports"), background, ui);
    }

    /** Rings up and pays in cash one of each product, as cashier {@code cashier}. */
    public static io.branchpos.store.sale.SaleReceipt sell(ManagerServices s, String cashier, List<Product> products) {
        return sell(s, cashier, products, Instant.now());
    }

    public static io.branchpos.store.sale.SaleReceipt sell(ManagerServices s, String cashier, List<Product> products,
            Instant at) {
        Ticket t = new Ticket(s.store().config().ids().next(), new SaleCalculator(EUR, PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        products.forEach(p -> t.add(p, BigDecimal.ONE));
        Settlement settlement = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        settlement.add(Payment.cash(t.totalDue()));
        return new SalesRepository(s.store()).complete(CompletedSale.of(t, settlement, cashier, at));
    }

    /** The first {@code n} demo products sold by piece. */
    public static List<Product> products(ManagerServices s, int n) {
        List<Product> out = new ArrayList<>();
        for (int i = 1; out.size() < n; i++) {
            s.catalog().findBySku(String.format("%06d", i)).filter(p -> !p.serialized() && !p.unit().isMeasured())
                    .ifPresent(out::add);
        }
        return out;
    }

    public static final ActingUser MANAGER = ActingUser.of("u-mgr", io.branchpos.domain.auth.Role.MANAGER);
    public static final ActingUser SUPERVISOR = ActingUser.of("u-sam", io.branchpos.domain.auth.Role.SUPERVISOR);
    public static final ActingUser CASHIER = ActingUser.of("u-anna", io.branchpos.domain.auth.Role.CASHIER);
}
