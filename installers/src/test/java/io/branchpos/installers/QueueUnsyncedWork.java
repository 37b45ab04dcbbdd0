package io.branchpos.installers;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.till.CashCount;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.park.ParkedSales;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.till.TillRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;

/**
 * Child-JVM helper of {@link ClientPackageIT}: opens an installed terminal's database while HQ is
 * down and does a cashier's work HQ has not seen yet: opens the till with a float, completes
 * SALES cash sales and parks one more ticket. Arguments: DATA_DIR TERMINAL_ID SALES.
 */
public final class QueueUnsyncedWork {
    private QueueUnsyncedWork() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        int sales = Integer.parseInt(args[2]);
        UuidV7Generator ids = new UuidV7Generator(clock, new SecureRandom());
        List<Product> products = new ArrayList<>();
        Iterator<CatalogItem> demo = DemoCatalog.demoStore().iterator();
        while (products.size() < sales + 1) {
            Product p = demo.next().product();
            if (!p.unit().isMeasured()) {
                products.add(p);
            }
        }
        try (LocalStore store = LocalStore.open(new StoreConfig(Path.of(args[0]), args[1], clock, ids,
                StoreConfig.Durability.FSYNC))) {
            new TillRepository(store).open("installer-test", CashCount.empty(Currency.getInstance("EUR")));
            SalesRepository repo = new SalesRepository(store);
            for (int i = 0; i < sales; i++) {
                Ticket t = ticket(ids, products.get(i));
                Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
                s.add(Payment.cash(t.totalDue()));
                repo.complete(CompletedSale.of(t, s, "installer-test", clock.instant()));
            }
            new ParkedSales(store).park(ticket(ids, products.get(sales)), "installer-test");
        }
    }

    private static Ticket ticket(UuidV7Generator ids, Product p) {
        Ticket t = new Ticket(ids.next(), new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        t.add(p, BigDecimal.ONE);
        return t;
    }
}
