package io.branchpos.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.feed.StoreCatalogSink;
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
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.FeedSnapshot;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.catalog.PromotionChanges.Definition;
import io.branchpos.sync.server.db.Databases;
import io.branchpos.sync.server.stock.StockDocuments;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new terminal bootstraps from HQ's feed snapshot (decision 0258) over real HTTP from a real
 * PostgreSQL into a real H2 store: it ends exactly as a terminal that took the feed page by page;
 * changes HQ makes while the snapshot is taken and streamed arrive exactly once; a snapshot cut off
 * midway leaves a till that does not sell and starts again from scratch.
 */
class FeedSnapshotEndToEndTest {
    static final int PRODUCTS = 400;
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static HikariDataSource hqDb;
    static SyncServer hq;
    static String url;

    @BeforeAll
    static void startHq() throws Exception {
        pg = Databases.startEmbedded(tmp.resolve("hq"), 0);
        hqDb = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        Databases.migrate(hqDb);
        hq = new SyncServer(hqDb).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + hq.port();
        CatalogService catalog = new CatalogService(hqDb);
        catalog.write("test", c -> {
            c.upsertTax("STD", new BigDecimal("19"), "standard");
            c.upsertTax("RED", new BigDecimal("7"), "reduced");
            for (int i = 1; i <= PRODUCTS; i++) {
                String sku = sku(i);
                c.upsertProduct(new ProductRow(sku, "Product " + i, "Cat " + (i % 10), i % 2 == 0 ? "STD" : "RED", "PIECE", "EUR",
                        true, false, List.of(code(i)), i % 3 == 0 ? new BigDecimal("0.5" + i % 10) : null));
                c.setPrice(sku, new BigDecimal(i % 100 + ".99"), FROM);
            }
            return null;
        });
        // history the snapshot folds: re-priced, a scheduled price, a product renamed twice, a barcode moved,
        // a deactivation, a tax changed, a product that waits for its tax rate
        catalog.write("test", c -> {
            c.setPrice(sku(5), new BigDecimal("1.11"), FROM.plusSeconds(60));
            c.setPrice(sku(6), new BigDecimal("9.99"), Instant.now().plus(Duration.ofDays(30)));
            c.upsertProduct(new ProductRow(sku(7), "Renamed once", "Cat 7", "RED", "PIECE", "EUR", true, false, List.of(code(7))));
            return null;
        });
        catalog.write("test", c -> {
            c.upsertProduct(new ProductRow(sku(7), "Renamed twice", "Cat 7", "RED", "PIECE", "EUR", true, false, List.of(code(7))));
            c.upsertProduct(new ProductRow(sku(8), "Product 8", "Cat 8", "STD", "PIECE", "EUR", true, false, List.of()));
            c.upsertProduct(new ProductRow(sku(9), "Product 9", "Cat 9", "RED", "PIECE", "EUR", true, false,
                    List.of(code(9), code(8))));
            c.deactivate(sku(10), false);
            c.upsertTax("RED", new BigDecimal("5"), "reduced");
            c.upsertTax("ZERO", new BigDecimal("0"), "zero");
            c.upsertUser("B-001", "U-3", "3", "Cashier Three", "CASHIER", "pbkdf2$1$aa$bb", true);
            c.upsertUser("B-002", "U-9", "9", "Other branch", "CASHIER", "pbkdf2$1$aa$cc", true);
            c.promotions().upsert(new Definition("DAIRY25", "Dairy -25%", "PERCENT_OFF", List.of(), "Cat 1",
                    new BigDecimal("25"), null, null, null, null, null, "EUR", FROM, null));
            return null;
        });
        catalog.write("test", c -> {
            c.promotions().end("DAIRY25", Instant.now().plus(Duration.ofDays(7)));
            return null;
        });
        enroll("T-SEED");
        hq.registry().createEnrollmentCode("B-002", "T-OTHER");
        new OkHttpSyncTransport(url).enroll(hq.registry().createEnrollmentCode("B-002", "T-OTHER2"));
        StockDocuments.write(hqDb, d -> {
            d.createPurchaseOrder("PO-1", "B-001", "Clean Co", Map.of(sku(11), new BigDecimal("24")));
            d.createPurchaseOrder("PO-2", "B-002", "Clean Co", Map.of(sku(12), new BigDecimal("6")));
            d.setBaseline("B-001", sku(13), new BigDecimal("40"), FROM, "test");
            return null;
        });
    }

    @AfterAll
    static void stopHq() throws Exception {
        hq.close();
        hqDb.close();
        pg.close();
    }

    static String sku(int i) {
        return String.format("S%06d", i);
    }

    static String code(int i) {
        return String.format("29%011d", i);
    }

    static CredentialStore enroll(String terminal) throws Exception {
        String code = hq.registry().createEnrollmentCode("B-001", terminal);
        EnrollmentResponse r = new OkHttpSyncTransport(url).enroll(code);
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(new TerminalCredential(r.terminalId(), r.branchId(), r.token()));
        return credentials;
    }

    static LocalStore openStore(Path dir, String terminal) {
        Clock clock = Clock.systemUTC();
        return LocalStore.open(new StoreConfig(dir, terminal, clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
    }

    /** The sink over a store, seeing everything that passes (snapshot rows and page changes) and able to fail. */
    static class WatchingSink implements CatalogSink {
        final StoreCatalogSink delegate;
        final boolean snapshots;
        final List<FeedChange> pageChanges = new ArrayList<>();
        final List<FeedSnapshot.Row> snapshotRows = new ArrayList<>();
        int failAfterRows = -1;
        Runnable duringSnapshot = () -> { };

        WatchingSink(FeedStore feed, boolean snapshots) {
            this.delegate = new StoreCatalogSink(feed);
            this.snapshots = snapshots;
        }

        @Override
        public String cursor() {
            return delegate.cursor();
        }

        @Override
        public void apply(String after, FeedPage page) {
            delegate.apply(after, page);
            pageChanges.addAll(page.changes());
        }

        @Override
        public boolean wantsSnapshot() {
            return snapshots && delegate.wantsSnapshot();
        }

        @Override
        public long loadSnapshot(FeedSnapshot.Reader snapshot) {
            Iterator<FeedSnapshot.Row> rows = snapshot.rows();
            return delegate.loadSnapshot(snapshot.cursor(), new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (snapshotRows.size() == failAfterRows) {
                        throw new UncheckedIOException(new IOException("connection reset (test)"));
                    }
                    return rows.hasNext();
                }

                @Override
                public FeedSnapshot.Row next() {
                    FeedSnapshot.Row r = rows.next();
                    snapshotRows.add(r);
                    if (snapshotRows.size() == 1) {
                        duringSnapshot.run();
                    }
                    return r;
                }
            });
        }
    }

    @Test
    void aTerminalBootstrappedFromTheSnapshotHoldsExactlyWhatThePagesWouldHaveGivenIt() throws Exception {
        Path pagesDir = tmp.resolve("pages");
        Path snapshotDir = tmp.resolve("snapshot");
        try (LocalStore pages = openStore(pagesDir, "T-P"); LocalStore snap = openStore(snapshotDir, "T-S")) {
            FeedStore pageFeed = new FeedStore(pages);
            FeedStore snapFeed = new FeedStore(snap);
            try (FeedPuller puller = new FeedPuller(url, enroll("T-P"), new WatchingSink(pageFeed, false), 50, 50,
                    Duration.ofMinutes(1))) {
                puller.pullAll();
            }
            assertThat(snapFeed.wantsSnapshot()).isTrue();
            WatchingSink sink = new WatchingSink(snapFeed, true);
            try (FeedPuller puller = new FeedPuller(url, enroll("T-S"), sink, 50, 50, Duration.ofMinutes(1))) {
                puller.pullAll();
            }
            assertThat(snapFeed.wantsSnapshot()).isFalse();
            assertThat(pageFeed.state().complete()).isTrue();
            assertThat(snapFeed.state().complete()).as("complete once the feed after the snapshot said so").isTrue();
            assertThat(snapFeed.state().cursor()).isEqualTo(pageFeed.state().cursor());
            assertThat(sink.pageChanges).as("nothing after the snapshot's position").isEmpty();
            assertThat(sink.snapshotRows).as("the snapshot was used").hasSizeGreaterThan(PRODUCTS);
            for (String table : List.of(
                    "SELECT sku, name, name_norm, category, tax_code, unit, price, currency, active, serialized FROM product ORDER BY sku",
                    "SELECT code, sku FROM barcode ORDER BY code",
                    "SELECT sku, data, price_version, next_price_at, pending FROM feed_product ORDER BY sku",
                    "SELECT sku, effective_from, price, version FROM feed_price ORDER BY sku, effective_from",
                    "SELECT code, percent, name FROM tax_rate ORDER BY code",
                    "SELECT sku, cost FROM product_cost ORDER BY sku",
                    "SELECT user_id, code, name, role, pin_hash, active FROM app_user WHERE user_id LIKE 'U-%' ORDER BY user_id",
                    "SELECT promotion_id, version, valid_from, valid_until, data FROM promotion ORDER BY promotion_id",
                    "SELECT reference, kind, source, sku, expected_qty, origin FROM expected_delivery ORDER BY reference, sku",
                    "SELECT sku, quantity, kind, occurred_at FROM stock_movement ORDER BY sku, occurred_at",
                    "SELECT baseline_active FROM feed_state")) {
                assertThat(dump(snap, table)).as(table).isEqualTo(dump(pages, table));
            }
            // not vacuous: the history is there
            CatalogRepository catalog = new CatalogRepository(snap);
            assertThat(catalog.countProducts()).isEqualTo(PRODUCTS);
            assertThat(catalog.findBySku(sku(5)).orElseThrow().price().amount()).isEqualByComparingTo("1.11");
            assertThat(catalog.findBySku(sku(7)).orElseThrow().name()).isEqualTo("Renamed twice");
            assertThat(catalog.findByBarcode(code(8)).orElseThrow().sku().value()).isEqualTo(sku(9));
            assertThat(catalog.findBySku(sku(10)).orElseThrow().active()).isFalse();
            assertThat(catalog.findBySku(sku(1)).orElseThrow().taxRate().percent()).isEqualByComparingTo("5");
            assertThat(catalog.search("renamed twice", 5)).extracting(p -> p.sku().value()).containsExactly(sku(7));
            assertThat(dump(snap, "SELECT user_id FROM app_user WHERE user_id LIKE 'U-%'")).containsExactly("U-3");
            assertThat(dump(snap, "SELECT reference FROM expected_delivery")).containsExactly("PO-1");
            assertThat(dump(snap, "SELECT COUNT(*) FROM stock_movement WHERE kind = 'BASELINE'")).containsExactly("1");
        }
    }

    @Test
    void whileASnapshotStreamsInThePullerReportsTheLinesReadOfTheTotalHqAnnounced() throws Exception {
        try (LocalStore store = openStore(tmp.resolve("progress"), "T-PROG")) {
            WatchingSink sink = new WatchingSink(new FeedStore(store), true);
            List<io.branchpos.sync.client.FeedStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<io.branchpos.sync.client.FeedStatus> duringLoad = new ArrayList<>();
            try (FeedPuller puller = new FeedPuller(url, enroll("T-PROG"), sink, 50, 50, Duration.ofMinutes(1))) {
                puller.addListener(seen::add);
                sink.duringSnapshot = () -> duringLoad.add(puller.status());
                puller.pullAll();
            }
            long total = sink.snapshotRows.size();
            assertThat(total).isGreaterThan(PRODUCTS);
            assertThat(duringLoad).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(io.branchpos.sync.client.FeedStatus.State.PULLING);
                assertThat(s.remaining()).as("HQ's announced total, before the first line was loaded").isEqualTo(total);
            });
            List<Long> readSoFar = seen.stream().filter(s -> s.remaining() > 0 && s.appliedThisRun() > 0)
                    .peek(s -> assertThat(s.appliedThisRun() + s.remaining()).isEqualTo(total))
                    .map(io.branchpos.sync.client.FeedStatus::appliedThisRun).toList();
            assertThat(readSoFar).as("the bar moves while the snapshot loads").hasSizeGreaterThan(10).isSorted();
            assertThat(new FeedStore(store).state().complete()).isTrue();
        }
    }

    @Test
    void changesHqMakesWhileTheSnapshotIsTakenAndStreamedArriveExactlyOnce() throws Exception {
        CatalogService catalog = new CatalogService(hqDb);
        // a writer that began before the snapshot and commits after it (its xid is below the snapshot's horizon)
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> early = CompletableFuture.supplyAsync(() -> {
            try {
                return catalog.write("early", c -> {
                    long v = c.setPrice(sku(21), new BigDecimal("21.21"), Instant.now());
                    inside.countDown();
                    await(release);
                    return v;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        // a writer that begins after the early one and commits before the snapshot is taken
        catalog.write("late", c -> c.setPrice(sku(22), new BigDecimal("22.22"), Instant.now()));
        try (LocalStore store = openStore(tmp.resolve("concurrent"), "T-C")) {
            FeedStore feed = new FeedStore(store);
            WatchingSink sink = new WatchingSink(feed, true);
            // a change committed while the snapshot streams into the terminal
            sink.duringSnapshot = () -> {
                try {
                    catalog.write("during", c -> {
                        c.upsertProduct(new ProductRow(sku(23), "Changed during the snapshot", "Cat 3", "RED", "PIECE", "EUR", true,
                                false, List.of(code(23))));
                        return c.setPrice(sku(23), new BigDecimal("23.23"), Instant.now());
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            CredentialStore credentials = enroll("T-C");
            try (FeedPuller puller = new FeedPuller(url, credentials, sink, 50, 50, Duration.ofMinutes(1))) {
                puller.pullAll();
                assertThat(feed.state().complete()).isTrue();
                release.countDown();
                early.get(30, TimeUnit.SECONDS);
                puller.pullAll();
            }
            assertThat(sink.snapshotRows).as("the snapshot was used").isNotEmpty();
            // every price version HQ holds arrived exactly once, through the snapshot or through the feed after it
            List<Long> received = new ArrayList<>();
            for (FeedSnapshot.Row r : sink.snapshotRows) {
                if (r.kind().equals(FeedChange.PRICE)) {
                    received.add(io.branchpos.sync.protocol.ProtocolJson.mapper().readTree(r.dataJson()).path("version").asLong());
                }
            }
            for (FeedChange c : sink.pageChanges) {
                if (c.kind().equals(FeedChange.PRICE)) {
                    received.add(c.data().path("version").asLong());
                }
            }
            List<String> hqVersions = hqStrings("select price_id from catalog_price order by price_id");
            assertThat(received.stream().map(String::valueOf).sorted().toList())
                    .as("each price version once").isEqualTo(hqVersions.stream().sorted().toList());
            CatalogRepository till = new CatalogRepository(store);
            assertThat(till.findBySku(sku(21)).orElseThrow().price().amount()).isEqualByComparingTo("21.21");
            assertThat(till.findBySku(sku(22)).orElseThrow().price().amount()).isEqualByComparingTo("22.22");
            assertThat(till.findBySku(sku(23)).orElseThrow().name()).isEqualTo("Changed during the snapshot");
            assertThat(till.findByBarcode(code(23)).orElseThrow().price().amount()).isEqualByComparingTo("23.23");
            Set<String> early21 = new HashSet<>();
            sink.pageChanges.forEach(c -> early21.add(c.kind() + " " + c.key()));
            assertThat(early21).as("the early writer's change came after the snapshot")
                    .anyMatch(k -> k.startsWith("PRICE " + sku(21) + "@"));
        }
    }

    @Test
    void aSnapshotCutOffMidwayLeavesATillThatDoesNotSellAndStartsAgainFromScratch() throws Exception {
        Path dir = tmp.resolve("cut-off");
        CredentialStore credentials = enroll("T-X");
        try (LocalStore store = openStore(dir, "T-X")) {
            FeedStore feed = new FeedStore(store).snapshotCommitEvery(100); // so that part of the catalog is committed
            WatchingSink sink = new WatchingSink(feed, true);
            sink.failAfterRows = 600; // the connection drops after 600 changes
            try (FeedPuller puller = new FeedPuller(url, credentials, sink, 50, 50, Duration.ofMinutes(1))) {
                assertThatThrownBy(puller::pullAll).isInstanceOf(IOException.class).hasMessageContaining("connection reset");
            }
            assertThat(feed.state().complete()).isFalse();
            assertThat(feed.state().cursor()).isEqualTo(FeedPage.START);
            assertThat(feed.wantsSnapshot()).as("starts again").isTrue();
            assertThat(dump(store, "SELECT COUNT(*) FROM feed_price").get(0)).as("part of the snapshot was committed").isNotEqualTo("0");
        }
        try (LocalStore store = openStore(dir, "T-X")) {   // the restart
            FeedStore feed = new FeedStore(store);
            assertThat(feed.state().complete()).isFalse();
            assertThat(feed.wantsSnapshot()).isTrue();
            WatchingSink sink = new WatchingSink(feed, true);
            try (FeedPuller puller = new FeedPuller(url, credentials, sink, 50, 50, Duration.ofMinutes(1))) {
                puller.pullAll();
            }
            assertThat(feed.state().complete()).isTrue();
            CatalogRepository catalog = new CatalogRepository(store);
            assertThat(catalog.countProducts()).isEqualTo(Long.parseLong(hqStrings("select count(*) from catalog_product").get(0)));
            assertThat(dump(store, "SELECT COUNT(*) FROM barcode")).isEqualTo(hqStrings("select count(*) from catalog_barcode"));
            assertThat(dump(store, "SELECT COUNT(*) FROM stock_movement WHERE kind = 'BASELINE'")).containsExactly("1");
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> dump(LocalStore store, String sql) {
        return store.jdbc(c -> {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        sb.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(sb.toString());
                }
            }
            return rows;
        });
    }

    static List<String> hqStrings(String sql) throws Exception {
        try (Connection c = hqDb.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
