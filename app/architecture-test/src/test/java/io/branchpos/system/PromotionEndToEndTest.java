package io.branchpos.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.AppContext;
import io.branchpos.desktop.config.AppConfig;
import io.branchpos.desktop.feed.FeedPricing;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.promo.PromotionRepository;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.catalog.PromotionChanges.Definition;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion the whole way, with real parts: HQ (real PostgreSQL, real HTTP) publishes a
 * promotion, the terminal (real H2, the app's own wiring) receives it through the feed and sells
 * with it, and HQ's ledger shows which price version and promotion version each line used. When
 * HQ ends the promotion the till stops giving it.
 */
class PromotionEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void hqPublishesAPromotionTheTillSellsWithItAndHqSeesWhichVersionWasUsed() throws Exception {
        try (EmbeddedPostgres pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
                HikariDataSource hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            Databases.migrate(hqDb);
            try (SyncServer hq = new SyncServer(hqDb).start("127.0.0.1", 0)) {
                CatalogService catalog = new CatalogService(hqDb);
                long priceVersion = catalog.write("test", c -> {
                    c.upsertTax("STD", new BigDecimal("19"), "standard");
                    c.upsertProduct(new ProductRow("W1", "Rioja", "Wine", "STD", "PIECE", "EUR", true, false,
                            List.of("4000000000901")));
                    return c.setPrice("W1", new BigDecimal("10.00"), Instant.parse("2026-01-01T00:00:00Z"));
                });
                long promotionVersion = catalog.write("test", c -> c.promotions().upsert(new Definition("WINE-2-FOR-15",
                        "Any 2 wines for 15", "MIX_AND_MATCH", List.of(), "Wine", null, null, null, null, 2,
                        new BigDecimal("15.00"), "EUR", Instant.now().minus(Duration.ofHours(1)), null)));
                String code = hq.registry().createEnrollmentCode("B-001", "T-001");

                AppConfig config = AppConfig.load(new String[] {"--demo", "--data-dir", tmp.resolve("till").toString(),
                    "--terminal-id", "T-001", "--server-url", "http://127.0.0.1:" + hq.port(), "--set", "enrollment.code=" + code},
                        tmp.resolve("no-etc"), tmp);
                try (AppContext till = AppContext.start(config)) {
                    PromotionRepository promotions = new PromotionRepository(till.store());
                    await(Duration.ofMinutes(3), () -> till.catalog().findBySku("W1").isPresent()
                            && !promotions.validAt(till.clock().instant()).isEmpty());

                    CompletedSale promoted = sellTwoBottles(till);
                    assertThat(promoted.totals().gross()).isEqualTo(Money.of("15.00", "EUR"));
                    await(Duration.ofMinutes(2), () -> till.journal().pendingCount() == 0);
                    List<List<Object>> lines = rows(hqDb, "select price_version, promotion_id, promotion_version, gross "
                            + "from sale_line where sale_id = ? order by line_no", promoted.saleId().toString());
                    assertThat(lines).hasSize(2).allSatisfy(l -> {
                        assertThat(((Number) l.get(0)).longValue()).isEqualTo(priceVersion);
                        assertThat(l.get(1)).isEqualTo("WINE-2-FOR-15");
                        assertThat(((Number) l.get(2)).longValue()).isEqualTo(promotionVersion);
                    });
                    BigDecimal hqGross = ((BigDecimal) lines.get(0).get(3)).add((BigDecimal) lines.get(1).get(3));
                    assertThat(hqGross).isEqualByComparingTo("15.00");

                    // HQ ends it: a new version reaches the till and the next sale is at the list price
                    long ended = catalog.write("test", c -> c.promotions().end("WINE-2-FOR-15", Instant.now()));
                    await(Duration.ofMinutes(2), () -> promotions.validAt(till.clock().instant()).isEmpty());
                    CompletedSale plain = sellTwoBottles(till);
                    assertThat(plain.totals().gross()).isEqualTo(Money.of("20.00", "EUR"));
                    await(Duration.ofMinutes(2), () -> till.journal().pendingCount() == 0);
                    assertThat(rows(hqDb, "select promotion_id from sale_line where sale_id = ?", plain.saleId().toString()))
                            .allSatisfy(l -> assertThat(l.get(0)).isNull());
                    assertThat(ended).isEqualTo(promotionVersion + 1);
                }
            }
        }
    }

    /** What the checkout does: lines with their price versions, the promotions valid now, paid in cash. */
    private static CompletedSale sellTwoBottles(AppContext till) {
        FeedPricing pricing = new FeedPricing(till.store());
        Product wine = till.catalog().findByBarcode("4000000000901").orElseThrow();
        Ticket t = new Ticket(till.ids().next(), new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        Long version = pricing.priceVersion("W1").orElse(null);
        t.add(wine, BigDecimal.ONE, wine.price(), null, version);
        t.add(wine, BigDecimal.ONE, wine.price(), null, version);
        Instant now = till.clock().instant();
        t.applyPromotions(pricing.promotionsNotEndedAt(now), now);
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.cash(t.totalDue()));
        CompletedSale sale = CompletedSale.of(t, s, "u-test", now);
        till.sales().complete(sale);
        return sale;
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static List<List<Object>> rows(HikariDataSource db, String sql, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> out = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
