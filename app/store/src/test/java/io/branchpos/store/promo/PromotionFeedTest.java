package io.branchpos.store.promo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A promotion that arrives through HQ's feed is applied to sales inside its window, and the sale records it. */
class PromotionFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    final Instant from = clock.now.plus(Duration.ofHours(1));
    final Instant until = clock.now.plus(Duration.ofHours(3));

    LocalStore open() {
        return LocalStore.open(new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    static List<FeedEntry> catalog() {
        return List.of(new FeedEntry("TAX", "STD", false, "{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}"),
                new FeedEntry("PRODUCT", "W1", false, "{\"sku\":\"W1\",\"name\":\"Rioja\",\"category\":\"Wine\",\"taxCode\":\"STD\","
                        + "\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[\"4000000000017\"]}"),
                new FeedEntry("PRICE", "W1@2026-01-01T00:00:00Z", false,
                        "{\"sku\":\"W1\",\"price\":\"10.00\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\",\"version\":7}"));
    }

    static FeedEntry promotion(long version, String percent, Instant from, Instant until) {
        return new FeedEntry("PROMOTION", "WINE20", false, "{\"promotionId\":\"WINE20\",\"version\":" + version
                + ",\"name\":\"Wine -" + percent + "%\",\"kind\":\"PERCENT_OFF\",\"target\":{\"category\":\"Wine\"},"
                + "\"currency\":\"EUR\",\"percent\":\"" + percent + "\",\"validFrom\":\"" + from + "\",\"validUntil\":"
                + (until == null ? "null" : "\"" + until + "\"") + "}");
    }

    /** Rings up two bottles at the clock's time, as the checkout does, pays, and returns the journaled line. */
    JsonNode sellTwoBottles(LocalStore store) throws Exception {
        Product wine = new CatalogRepository(store).findBySku("W1").orElseThrow();
        Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
        t.add(wine, BigDecimal.valueOf(2), wine.price(), null, new FeedStore(store).priceVersion("W1").orElse(null));
        t.applyPromotions(new PromotionRepository(store).validAt(clock.now), clock.now);
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.cash(t.totalDue()));
        new SalesRepository(store).complete(CompletedSale.of(t, s, "u1", clock.now));
        List<JournalEvent> events = new JournalRepository(store).unsynced(100);
        JournalEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo("SALE_COMPLETED");
        return JSON.readTree(last.payload()).path("lines").get(0);
    }

    @Test
    void aPromotionFromTheFeedAppliesOnlyInsideItsWindowAndTheSaleRecordsItsVersion() throws Exception {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", catalog(), "1.3", false, 0);
            feed.apply("1.3", List.of(promotion(1, "20", from, until)), "1.4", false, 0);

            JsonNode before = sellTwoBottles(store);
            assertThat(before.path("gross").asText()).isEqualTo("20.00");
            assertThat(before.has("promotionId")).isFalse();
            assertThat(before.path("priceVersion").asLong()).isEqualTo(7);

            clock.now = from;
            JsonNode during = sellTwoBottles(store);
            assertThat(during.path("gross").asText()).isEqualTo("16.00");
            assertThat(during.path("promotionId").asText()).isEqualTo("WINE20");
            assertThat(during.path("promotionVersion").asLong()).isEqualTo(1);
            assertThat(during.path("promotionDiscount").asText()).isEqualTo("4.00");
            assertThat(during.path("tax").asText()).isEqualTo("2.55"); // 16.00 × 19/119: tax on the promoted amount
            assertThat(during.path("priceVersion").asLong()).isEqualTo(7);

            clock.now = until;
            JsonNode after = sellTwoBottles(store);
            assertThat(after.path("gross").asText()).isEqualTo("20.00");
            assertThat(after.has("promotionId")).isFalse();
        }
    }

    @Test
    void hqEndingAPromotionEarlyReachesTheTillAndAnOlderVersionArrivingLateIsIgnored() throws Exception {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", catalog(), "1.3", false, 0);
            feed.apply("1.3", List.of(promotion(1, "20", from, until)), "1.4", false, 0);
            Instant endedAt = from.plus(Duration.ofMinutes(30));
            feed.apply("1.4", List.of(promotion(2, "20", from, endedAt), promotion(1, "20", from, until)), "1.6", false, 0);

            clock.now = from.plus(Duration.ofMinutes(10));
            JsonNode stillOn = sellTwoBottles(store);
            assertThat(stillOn.path("promotionVersion").asLong()).isEqualTo(2);
            clock.now = endedAt;
            assertThat(sellTwoBottles(store).has("promotionId")).isFalse();
        }
    }

    @Test
    void aPromotionTheTillCannotReadDoesNotStopTheFeed() throws Exception {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", catalog(), "1.3", false, 0);
            FeedEntry future = new FeedEntry("PROMOTION", "NEW", false, "{\"promotionId\":\"NEW\",\"version\":1,\"name\":\"x\","
                    + "\"kind\":\"LOYALTY_POINTS\",\"target\":{\"category\":\"Wine\"},\"currency\":\"EUR\","
                    + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":null}");
            feed.apply("1.3", List.of(future, promotion(1, "20", from, until)), "1.5", false, 0);
            assertThat(feed.state().cursor()).isEqualTo("1.5");
            assertThat(new PromotionRepository(store).validAt(from)).extracting(p -> p.id()).containsExactly("WINE20");
        }
    }
}
