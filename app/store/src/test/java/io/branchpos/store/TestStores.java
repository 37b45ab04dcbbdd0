package io.branchpos.store;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Currency;
import java.util.List;

/** Opens real H2 file stores for tests and rings up sales. */
public final class TestStores {
    private TestStores() {
    }

    public static LocalStore open(Path dir) {
        return open(dir, "T-001");
    }

    public static LocalStore open(Path dir, String terminal) {
        Clock clock = Clock.systemUTC();
        return LocalStore.open(new StoreConfig(dir, terminal, clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    /** Opens a store with the first {@code products} demo products. */
    public static LocalStore withDemoCatalog(Path dir, int products) {
        LocalStore store = open(dir);
        new CatalogRepository(store).importAll(new DemoCatalog(products, 42), DemoCatalog.RATES);
        return store;
    }

    /** A paid cash sale of the given products, one each. */
    public static CompletedSale cashSale(LocalStore store, List<Product> products) {
        Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
        for (Product p : products) {
            t.add(p, p.unit().isMeasured() ? new BigDecimal("0.500") : BigDecimal.ONE);
        }
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        if (t.totalDue().isPositive()) {
            s.add(Payment.cash(t.totalDue()));
        }
        return CompletedSale.of(t, s, "u-test", store.config().clock().instant());
    }
}
