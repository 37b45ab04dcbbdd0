package io.branchpos.desktop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.feed.FeedPricing;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.OverrideLimits;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout over a real store fed by HQ's feed, on a terminal without connection to HQ: prices
 * and promotions are those in effect at the time of sale, by the terminal's clock.
 */
class CheckoutPricingTest {

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

    static final String WINE_CODE = "4000000000017";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    LocalStore store;
    FeedStore feed;
    CheckoutViewModel vm;
    final List<Ticket> paid = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = LocalStore.open(new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
        feed = new FeedStore(store);
        vm = checkout(Runnable::run);
    }

    /** A checkout over the store whose look-ups run on {@code storeExecutor}, signed in, pricing from the feed. */
    CheckoutViewModel checkout(Executor storeExecutor) {
        CatalogRepository catalog = new CatalogRepository(store);
        ProductSearch search = new ProductSearch() {
            @Override
            public List<Product> search(String query, int limit) {
                return catalog.search(query, limit);
            }

            @Override
            public Optional<Product> byBarcode(String code) {
                return catalog.findByBarcode(code);
            }
        };
        Session session = new Session(new IdleLock(clock, Duration.ofMinutes(5)));
        session.signIn(new User("u-anna", "1", "Anna", Role.CASHIER));
        CheckoutViewModel checkout = new CheckoutViewModel(search, new CheckoutViewModelTest.RecordingStore(), session,
                (r, ok) -> { }, storeExecutor, Runnable::run, Locale.US, FxmlView.Messages.bundle(Locale.ENGLISH),
                new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT),
                UUID::randomUUID, new OverrideLimits(BigDecimal.TEN, Money.of("5.00", "EUR")),
                ScanDecoder.IN_STORE_WEIGHT_LABELS, (top, bottom) -> { });
        checkout.usePricing(new FeedPricing(store), clock);
        checkout.setOnPay(paid::add);
        return checkout;
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    void catalogWithPrices(FeedEntry... extra) {
        List<FeedEntry> page = new ArrayList<>(List.of(
                new FeedEntry("TAX", "STD", false, "{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}"),
                new FeedEntry("PRODUCT", "W1", false, "{\"sku\":\"W1\",\"name\":\"Rioja\",\"category\":\"Wine\",\"taxCode\":\"STD\","
                        + "\"unit\":\"PIECE\",\"currency\":\"EUR\",\"active\":true,\"serialized\":false,\"barcodes\":[\"" + WINE_CODE + "\"]}"),
                price("10.00", Instant.parse("2026-01-01T00:00:00Z"), 7)));
        page.addAll(List.of(extra));
        feed.apply("0", page, "1." + page.size(), false, 0);
    }

    static FeedEntry price(String price, Instant from, long version) {
        return new FeedEntry("PRICE", "W1@" + from, false, "{\"sku\":\"W1\",\"price\":\"" + price
                + "\",\"effectiveFrom\":\"" + from + "\",\"version\":" + version + "}");
    }

    @Test
    void aPromotionFromHqIsShownOnTheLineOnlyWhileItIsValidAndThePaidTicketCarriesIt() {
        Instant from = clock.now.plus(Duration.ofHours(1));
        catalogWithPrices(new FeedEntry("PROMOTION", "WINE2", false, "{\"promotionId\":\"WINE2\",\"version\":3,"
                + "\"name\":\"2nd bottle half price\",\"kind\":\"BUY_X_GET_Y\",\"target\":{\"skus\":[\"W1\"]},\"currency\":\"EUR\","
                + "\"buy\":1,\"get\":1,\"percent\":\"50\",\"validFrom\":\"" + from + "\",\"validUntil\":\""
                + from.plus(Duration.ofHours(2)) + "\"}"));

        vm.scan(WINE_CODE);
        vm.scan(WINE_CODE);
        assertThat(vm.totalProperty().get()).isEqualTo("€20.00");
        assertThat(vm.lines()).allSatisfy(r -> assertThat(r.detail()).doesNotContain("half price"));

        clock.now = from; // the promotion starts while the ticket is open: paying is the time of sale
        vm.pay();
        assertThat(vm.totalProperty().get()).isEqualTo("€15.00");
        assertThat(vm.lines().get(1).detail()).isEqualTo("2nd bottle half price \u2212€5.00");
        Ticket t = paid.get(0);
        TicketLine second = t.line(2);
        assertThat(second.promotion().promotionId()).isEqualTo("WINE2");
        assertThat(second.promotion().version()).isEqualTo(3);
        assertThat(t.line(1).priceVersion()).isEqualTo(7L);
        assertThat(t.totalDue()).isEqualTo(Money.of("15.00", "EUR"));

        vm.newSale();
        clock.now = from.plus(Duration.ofHours(2));
        vm.scan(WINE_CODE);
        vm.scan(WINE_CODE);
        assertThat(vm.totalProperty().get()).isEqualTo("€20.00");
    }

    @Test
    void aPromotionThatArrivesWhileTheTicketIsOnThePaymentScreenDoesNotRepriceIt() {
        List<Runnable> storeExecutor = new ArrayList<>(); // the look-ups run when the test says so
        vm = checkout(storeExecutor::add);
        catalogWithPrices();
        vm.scan(WINE_CODE);
        vm.scan(WINE_CODE);
        runAll(storeExecutor);
        assertThat(vm.totalProperty().get()).isEqualTo("€20.00");

        scanLeavingItsLookUpQueued(storeExecutor); // still queued when the cashier presses Pay
        feed.apply("1.3", List.of(halfPriceSecondBottle(clock.now)), "1.4", false, 0);
        vm.pay();
        assertThat(paid.get(0).totalDue()).isEqualTo(Money.of("30.00", "EUR"));

        runAll(storeExecutor); // the look-up answers with HQ's new promotion
        assertThat(paid.get(0).totalDue()).isEqualTo(Money.of("30.00", "EUR"));
        assertThat(vm.totalProperty().get()).isEqualTo("€30.00");

        vm.newSale(); // the next customer gets it
        vm.scan(WINE_CODE);
        vm.scan(WINE_CODE);
        runAll(storeExecutor);
        assertThat(vm.totalProperty().get()).isEqualTo("€15.00");
    }

    @Test
    void aTicketTakenBackFromThePaymentScreenIsPricedWithThePromotionsThatArrivedMeanwhile() {
        List<Runnable> storeExecutor = new ArrayList<>();
        vm = checkout(storeExecutor::add);
        catalogWithPrices();
        runAll(storeExecutor);
        scanLeavingItsLookUpQueued(storeExecutor);
        scanLeavingItsLookUpQueued(storeExecutor); // still queued at Pay
        feed.apply("1.3", List.of(halfPriceSecondBottle(clock.now)), "1.4", false, 0);
        vm.pay();
        runAll(storeExecutor);
        assertThat(vm.totalProperty().get()).isEqualTo("€20.00");

        vm.backFromPayment(); // the customer wants one more thing: the ticket is open again
        assertThat(vm.totalProperty().get()).isEqualTo("€15.00");
        vm.pay();
        assertThat(paid.get(1).totalDue()).isEqualTo(Money.of("15.00", "EUR"));
    }

    static FeedEntry halfPriceSecondBottle(Instant from) {
        return new FeedEntry("PROMOTION", "WINE2", false, "{\"promotionId\":\"WINE2\",\"version\":1,"
                + "\"name\":\"2nd bottle half price\",\"kind\":\"BUY_X_GET_Y\",\"target\":{\"skus\":[\"W1\"]},\"currency\":\"EUR\","
                + "\"buy\":1,\"get\":1,\"percent\":\"50\",\"validFrom\":\"" + from + "\",\"validUntil\":\""
                + from.plus(Duration.ofDays(7)) + "\"}");
    }

    /** Scans a bottle: its line is on the ticket, its promotion look-up waits in the store executor. */
    void scanLeavingItsLookUpQueued(List<Runnable> queue) {
        int before = vm.lines().size();
        vm.scan(WINE_CODE);
        while (vm.lines().size() == before) {
            queue.remove(0).run();
        }
        assertThat(queue).isNotEmpty();
    }

    static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    @Test
    void aScheduledPriceTakesEffectAtTheCheckoutAtItsTimeWithoutHq() {
        Instant at = clock.now.plus(Duration.ofHours(2));
        catalogWithPrices(price("8.50", at, 8));
        vm.scan(WINE_CODE);
        assertThat(vm.lines().get(0).unitPrice()).isEqualTo("€10.00");

        clock.now = at;
        feed.applyDuePrices(); // what CatalogFeed's price tick does every 15 s, with or without HQ
        vm.scan(WINE_CODE);
        assertThat(vm.lines().get(1).unitPrice()).isEqualTo("€8.50");
        vm.pay();
        assertThat(paid.get(0).line(2).priceVersion()).isEqualTo(8L);
        assertThat(paid.get(0).line(1).priceVersion()).isEqualTo(7L);
    }
}
