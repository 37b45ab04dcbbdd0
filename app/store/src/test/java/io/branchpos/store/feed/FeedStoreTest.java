package io.branchpos.store.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStoreTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

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

    LocalStore open() {
        return LocalStore.open(new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    static FeedEntry tax(String code, String percent) {
        return new FeedEntry("TAX", code, false, "{\"code\":\"" + code + "\",\"percent\":\"" + percent + "\",\"name\":\"" + code + "\"}");
    }

    static FeedEntry product(String sku, String name, boolean active, boolean intended, String... barcodes) {
        StringBuilder codes = new StringBuilder();
        for (String b : barcodes) {
            codes.append(codes.length() == 0 ? "" : ",").append('"').append(b).append('"');
        }
        return new FeedEntry("PRODUCT", sku, intended, "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"category\":\"Food\","
                + "\"taxCode\":\"STD\",\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":" + active
                + ",\"serialized\":false,\"barcodes\":[" + codes + "]}");
    }

    static FeedEntry price(String sku, String price, Instant from, long version) {
        return new FeedEntry("PRICE", sku + "@" + from, false, "{\"sku\":\"" + sku + "\",\"price\":\"" + price
                + "\",\"effectiveFrom\":\"" + from + "\",\"version\":" + version + "}");
    }

    @Test
    void aPageAndItsCursorAreAppliedTogether() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            assertEquals(new FeedState("0", false, 0, 0), feed.state());
            FeedState s = feed.apply("0", List.of(tax("STD", "19"), product("100", "Milk", true, false, "4000000000001"),
                    price("100", "1.1900", Instant.parse("2026-01-01T00:00:00Z"), 7)), "5.3", false, 0);
            assertEquals(new FeedState("5.3", true, 3, 0), s);
            Product milk = new CatalogRepository(store).findByBarcode("4000000000001").orElseThrow();
            assertEquals("1.19", milk.price().amount().toPlainString());
            assertTrue(milk.active());
            assertEquals(7L, feed.priceVersion("100").orElseThrow());
        }
        try (LocalStore store = open()) {
            assertEquals("5.3", new FeedStore(store).state().cursor());
        }
    }

    @Test
    void aPageThatFailsHalfwayLeavesNeitherItsChangesNorItsCursor() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", List.of(tax("STD", "19")), "1.1", true, 3);
            List<FeedEntry> page = List.of(product("100", "Milk", true, false, "4000000000001"),
                    price("100", "1.19", Instant.parse("2026-01-01T00:00:00Z"), 1),
                    new FeedEntry("PRODUCT", "bad", false, "{\"sku\":\"bad\",\"name\":\"X\",\"category\":\"F\",\"taxCode\":\"STD\","
                            + "\"unit\":\"BUCKET\",\"currency\":\"EUR\",\"active\":true,\"barcodes\":[]}"));
            assertThrows(IllegalArgumentException.class, () -> feed.apply("1.1", page, "2.9", false, 0));
            assertEquals(new FeedState("1.1", false, 1, 3), feed.state());
            assertTrue(new CatalogRepository(store).findBySku("100").isEmpty());
        }
        try (LocalStore store = open()) {   // restart: resumes from the last whole page
            FeedStore feed = new FeedStore(store);
            assertEquals("1.1", feed.state().cursor());
            feed.apply("1.1", List.of(product("100", "Milk", true, false, "4000000000001"),
                    price("100", "1.19", Instant.parse("2026-01-01T00:00:00Z"), 1)), "2.9", false, 0);
            assertTrue(feed.state().complete());
            assertTrue(new CatalogRepository(store).findBySku("100").orElseThrow().active());
        }
    }

    @Test
    void aPageFetchedFromAnotherCursorIsRefused() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", List.of(tax("STD", "19")), "1.1", true, 1);
            assertThrows(IllegalStateException.class, () -> feed.apply("0", List.of(tax("STD", "7")), "1.1", true, 1));
            assertEquals(1, feed.state().applied());
        }
    }

    @Test
    void aPriceArrivingBeforeItsProductIsUsedWhenTheProductArrives() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            feed.apply("0", List.of(tax("STD", "19"), price("200", "2.50", Instant.parse("2026-01-01T00:00:00Z"), 3)), "1.2", true, 1);
            feed.apply("1.2", List.of(product("200", "Bread", true, false)), "2.1", false, 0);
            assertEquals("2.50", new CatalogRepository(store).findBySku("200").orElseThrow().price().amount().toPlainString());
        }
    }

    @Test
    void aScheduledPriceTakesEffectAtItsTimeWithoutHq() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            Instant at = clock.now.plus(Duration.ofHours(2));
            feed.apply("0", List.of(tax("STD", "19"), product("100", "Milk", true, false),
                    price("100", "1.19", Instant.parse("2026-01-01T00:00:00Z"), 1), price("100", "0.99", at, 2)), "1.4", false, 0);
            CatalogRepository catalog = new CatalogRepository(store);
            assertEquals("1.19", catalog.findBySku("100").orElseThrow().price().amount().toPlainString());
            assertEquals(0, feed.applyDuePrices());
            clock.now = at;
            assertEquals(1, feed.applyDuePrices());
            assertEquals("0.99", catalog.findBySku("100").orElseThrow().price().amount().toPlainString());
            assertEquals(2L, feed.priceVersion("100").orElseThrow());
            assertEquals(0, feed.applyDuePrices());
        }
    }

    @Test
    void aPageDeactivatingMostOfTheCatalogIsRefusedUnlessHqMarksItIntended() {
        try (LocalStore store = open()) {
            FeedStore feed = new FeedStore(store);
            List<FeedEntry> bootstrap = new ArrayList<>(List.of(tax("STD", "19")));
            for (int i = 0; i < 40; i++) {
                bootstrap.add(product("P" + i, "Item " + i, true, false));
                bootstrap.add(price("P" + i, "1.00", Instant.parse("2026-01-01T00:00:00Z"), i + 1));
            }
            feed.apply("0", bootstrap, "1.100", false, 0);
            List<FeedEntry> wipe = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                wipe.add(product("P" + i, "Item " + i, false, false));
            }
            assertThrows(MassDeactivationRefusedException.class, () -> feed.apply("1.100", wipe, "2.30", false, 0));
            assertEquals("1.100", feed.state().cursor());
            assertTrue(new CatalogRepository(store).findBySku("P0").orElseThrow().active());

            List<FeedEntry> intended = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                intended.add(product("P" + i, "Item " + i, false, true));
            }
            feed.apply("1.100", intended, "2.30", false, 0);
            assertFalse(new CatalogRepository(store).findBySku("P0").orElseThrow().active());
            // a few unintended deactivations are ordinary business
            feed.apply("2.30", List.of(product("P35", "Item 35", false, false)), "3.1", false, 0);
            assertFalse(new CatalogRepository(store).findBySku("P35").orElseThrow().active());
        }
    }
}
