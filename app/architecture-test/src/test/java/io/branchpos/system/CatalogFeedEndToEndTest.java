package io.branchpos.system;

import io.branchpos.desktop.feed.CatalogFeed;
import io.branchpos.desktop.feed.StoreCatalogSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.sync.client.CatalogSink;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.FeedPuller;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ (real PostgreSQL, real HTTP) to a terminal's real H2 store through the catalog feed:
 * bootstrap that survives a restart midway, and a price change pushed to a connected till.
 */
class CatalogFeedEndToEndTest {
    static final int PRODUCTS = 3_000;

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static HikariDataSource hqDb;
    static SyncServer hq;

    @BeforeAll
    static void startHq() throws Exception {
        pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
        hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        Databases.migrate(hqDb);
        hq = new SyncServer(hqDb).start("127.0.0.1", 0);
        new CatalogService(hqDb).write("test", c -> {
            c.upsertTax("STD", new BigDecimal("19"), "standard");
            c.upsertTax("RED", new BigDecimal("7"), "reduced");
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 1; i <= PRODUCTS; i++) {
                String sku = String.format("S%06d", i);
                c.upsertProduct(new ProductRow(sku, "Product " + i, "Cat " + (i % 10), i % 2 == 0 ? "STD" : "RED", "PIECE", "EUR",
                        true, false, List.of(String.format("29%011d", i))));
                c.setPrice(sku, new BigDecimal(i % 100 + ".99"), from);
            }
            return null;
        });
    }

    @AfterAll
    static void stopHq() throws Exception {
        hq.close();
        hqDb.close();
        pg.close();
    }

    static TerminalCredential enroll(String terminal) throws Exception {
        String code = hq.registry().createEnrollmentCode("B-001", terminal);
        EnrollmentResponse r = new OkHttpSyncTransport("http://127.0.0.1:" + hq.port()).enroll(code);
        return new TerminalCredential(r.terminalId(), r.branchId(), r.token());
    }

    static LocalStore openStore(Path dir, String terminal) {
        Clock clock = Clock.systemUTC();
        return LocalStore.open(new StoreConfig(dir, terminal, clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    /** Counts what it applies; "crashes" (throws before committing) on page {@code crashOnPage}. */
    static final class RecordingSink implements CatalogSink {
        final CatalogSink delegate;
        final int crashOnPage;
        final List<String> afters = new ArrayList<>();
        long changes;

        RecordingSink(CatalogSink delegate, int crashOnPage) {
            this.delegate = delegate;
            this.crashOnPage = crashOnPage;
        }

        @Override
        public String cursor() {
            return delegate.cursor();
        }

        @Override
        public void apply(String after, FeedPage page) {
            afters.add(after);
            if (afters.size() == crashOnPage) {
                throw new IllegalStateException("power cut");
            }
            delegate.apply(after, page);
            changes += page.changes().size();
        }
    }

    @Test
    void aBootstrapCutOffMidwayResumesFromItsLastPageAndTheTillSellsOnlyOnceTheCatalogIsWhole() throws Exception {
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(enroll("T-001"));
        Path dir = tmp.resolve("till-1");
        String server = "http://127.0.0.1:" + hq.port();
        long firstRun;
        try (LocalStore store = openStore(dir, "T-001")) {
            FeedStore feed = new FeedStore(store);
            RecordingSink sink = new RecordingSink(new StoreCatalogSink(feed), 4);
            try (FeedPuller puller = new FeedPuller(server, credentials, sink, 500, Duration.ofMinutes(1))) {
                assertThatThrownBy(puller::pullAll).hasMessage("power cut");
            }
            firstRun = sink.changes;
            assertThat(firstRun).isEqualTo(1_500);
            assertThat(feed.state().complete()).as("ready to sell after a cut-off bootstrap").isFalse();
            assertThat(feed.state().progress()).isBetween(0.1, 0.5);
        }
        try (LocalStore store = openStore(dir, "T-001")) {   // the restart
            FeedStore feed = new FeedStore(store);
            RecordingSink sink = new RecordingSink(new StoreCatalogSink(feed), -1);
            try (FeedPuller puller = new FeedPuller(server, credentials, sink, 500, Duration.ofMinutes(1))) {
                puller.pullAll();
            }
            assertThat(sink.afters.get(0)).as("resumed, not from the start").isNotEqualTo(FeedPage.START);
            assertThat(firstRun + sink.changes).as("nothing downloaded twice").isEqualTo(hqCount("select count(*) from feed_change"));
            assertThat(feed.state().complete()).isTrue();
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.countProducts()).isEqualTo(PRODUCTS);
            assertThat(catalog.findByBarcode(String.format("29%011d", 2_345)).orElseThrow().price().amount())
                    .isEqualByComparingTo("45.99");
            assertThat(catalog.findBySku("S002345").orElseThrow().active()).isTrue();
        }
    }

    @Test
    void aPriceChangedAtHqReachesAConnectedTillWithinSeconds() throws Exception {
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(enroll("T-002"));
        try (LocalStore store = openStore(tmp.resolve("till-2"), "T-002");
                CatalogFeed feed = new CatalogFeed(store, "http://127.0.0.1:" + hq.port(), credentials).start()) {
            await(Duration.ofMinutes(3), feed::readyToSell);
            await(Duration.ofSeconds(30), () -> feed.status().pushConnected());
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.findBySku("S000007").orElseThrow().price().amount()).isEqualByComparingTo("7.99");

            long start = System.nanoTime();
            long version = new CatalogService(hqDb).write("test", c -> c.setPrice("S000007", new BigDecimal("6.49"), Instant.now()));
            await(Duration.ofSeconds(30), () -> catalog.findBySku("S000007").orElseThrow().price().amount()
                    .compareTo(new BigDecimal("6.49")) == 0);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("price change reached the till in " + millis + " ms");
            assertThat(new FeedStore(store).priceVersion("S000007")).contains(version);
        }
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static long hqCount(String sql) throws Exception {
        try (Connection c = hqDb.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
