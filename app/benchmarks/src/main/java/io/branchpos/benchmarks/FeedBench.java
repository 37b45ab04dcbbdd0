package io.branchpos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.feed.CatalogFeed;
import io.branchpos.desktop.feed.StoreCatalogSink;
import io.branchpos.domain.catalog.Product;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.FeedPuller;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.catalog.CatalogChanges;
import io.branchpos.sync.server.catalog.CatalogService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Target 7: HQ holds the 200k-SKU catalog (loaded through {@link CatalogService}'s bulk methods, timed apart);
 * a new terminal with an empty store bootstraps it through the feed exactly as the app does
 * ({@link FeedPuller} with the app's page sizes, {@link StoreCatalogSink}), until the feed
 * says complete (the till may sell).
 */
final class FeedBench {
    private static final int LOAD_CHUNK = 5_000;

    private FeedBench() {
    }

    static List<Row> run(EmbeddedPostgres pg, Path dir, Scale scale) throws Exception {
        try (HikariDataSource ds = HqBench.freshDatabase(pg, "feed")) {
            SyncServer server = new SyncServer(ds).start("127.0.0.1", 0);
            try {
                BenchMain.step("target 7: HQ catalog of " + scale.skus() + " SKUs");
                long t0 = System.nanoTime();
                long loadDeadline = t0 + 120_000_000_000L; // HQ's load is preparation: at most 120 s of the budget
                int[] loaded = new int[1];
                new CatalogService(ds).write("bench", c -> {
                    c.upsertTax(DemoCatalog.STANDARD.code(), DemoCatalog.STANDARD.percent(), "standard");
                    c.upsertTax(DemoCatalog.REDUCED.code(), DemoCatalog.REDUCED.percent(), "reduced");
                    Instant from = Instant.parse("2026-01-01T00:00:00Z");
                    Set<String> codes = new HashSet<>();
                    List<CatalogChanges.ProductRow> products = new ArrayList<>(LOAD_CHUNK);
                    List<CatalogChanges.PriceRow> prices = new ArrayList<>(LOAD_CHUNK);
                    for (CatalogItem item : new DemoCatalog(scale.skus(), 42)) {
                        Product p = item.product();
                        // in-store codes of weighed items repeat past 100,000 items: each code once
                        List<String> own = item.barcodes().stream().filter(codes::add).toList();
                        products.add(new CatalogChanges.ProductRow(p.sku().value(), p.name(), p.category(),
                                p.taxRate().code(), p.unit().name(), p.price().currency().getCurrencyCode(), p.active(),
                                p.serialized(), own));
                        prices.add(new CatalogChanges.PriceRow(p.sku().value(), p.price().amount(), from));
                        if (products.size() == LOAD_CHUNK) {
                            c.upsertProducts(products);
                            c.setPrices(prices);
                            loaded[0] += products.size();
                            products.clear();
                            prices.clear();
                            if (System.nanoTime() > loadDeadline) {
                                break;
                            }
                        }
                    }
                    c.upsertProducts(products);
                    c.setPrices(prices);
                    loaded[0] += products.size();
                    return null;
                });
                double hqLoad = (System.nanoTime() - t0) / 1e9;
                String code = server.registry().createEnrollmentCode("B-001", "T-NEW");
                String url = "http://127.0.0.1:" + server.port();
                EnrollmentResponse r = new OkHttpSyncTransport(url).enroll(code);
                CredentialStore credentials = CredentialStore.inMemory();
                credentials.save(new TerminalCredential(r.terminalId(), r.branchId(), r.token()));
                BenchMain.step("target 7: bootstrap of a new terminal");
                try (LocalStore store = Stores.open(dir.resolve("new-terminal"), "T-NEW")) {
                    FeedStore feed = new FeedStore(store);
                    long b0 = System.nanoTime();
                    long cpu0 = processCpuNanos();
                    long changes;
                    TimedSink sink = new TimedSink(new StoreCatalogSink(feed));
                    try (FeedPuller puller = new FeedPuller(url, credentials, sink,
                            CatalogFeed.PAGE, CatalogFeed.CATCH_UP_PAGE, Duration.ofMinutes(1))) {
                        changes = puller.pullAll();
                    }
                    double seconds = (System.nanoTime() - b0) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
                    long i0 = System.nanoTime();
                    new CatalogRepository(store).warmUpSearch();
                    double indexSeconds = (System.nanoTime() - i0) / 1e9;
                    long products = new CatalogRepository(store).countProducts();
                    int n = loaded[0];
                    if (!feed.state().complete() || products != n) {
                        throw new IllegalStateException("bootstrap ended with " + products + " products, complete="
                                + feed.state().complete());
                    }
                    double full = seconds * scale.skus() / n;
                    String partial = n == scale.skus() ? "" : String.format("; HQ's load of the catalog stopped at %,d"
                            + " SKUs (120-s budget): %.1f s measured for those, extrapolated to %,d", n, seconds, scale.skus());
                    Row till = tillHeap(server, url, dir, scale, n);
                    return List.of(
                            Row.measured("7", String.format("bootstrap of %,d SKUs through the feed", scale.skus()),
                                    full, "s", "<= 10 s", full <= 10, null, null, String.format(
                                            "FeedPuller → StoreCatalogSink: snapshot (decision 0258) streamed and loaded in %.1f s, then"
                                                    + " %d feed page(s) after it (pages of %d while catching up) in %.1f s; %,d changes, %,.0f SKUs/s;"
                                                    + " until the feed is complete; CPU of this JVM meanwhile (terminal + HQ's"
                                                    + " HTTP server, not PostgreSQL): %.1f s%s", sink.snapshotNanos / 1e9, sink.pages,
                                            CatalogFeed.CATCH_UP_PAGE, sink.pageNanos / 1e9, changes, n / seconds, cpuSeconds, partial)),
                            till,
                            Row.info("7", "HQ catalog load (not part of the bootstrap)", hqLoad, "s",
                                    String.format("CatalogService.write, one transaction, CatalogChanges.upsertProducts + setPrices in chunks of %,d: %,d SKUs",
                                            LOAD_CHUNK, n)),
                            Row.info("7", "search index ready after the bootstrap", indexSeconds, "s",
                                    "CatalogRepository.warmUpSearch: the in-memory name index over every product, built once"));
                }
            } finally {
                server.close();
            }
        }
    }

    /**
     * The same bootstrap in a till's heap: a child JVM with the installers' JVM options (as target 5's
     * probe), a second new terminal, the same HQ (its catalog unchanged since the headline row).
     */
    private static Row tillHeap(SyncServer server, String url, Path dir, Scale scale, int n) {
        String metric = String.format("bootstrap of %,d SKUs, installers' JVM options", scale.skus());
        try {
            BenchMain.step("target 7: bootstrap of a new terminal in a till's heap (child JVM)");
            String code = server.registry().createEnrollmentCode("B-001", "T-TILL");
            EnrollmentResponse r = new OkHttpSyncTransport(url).enroll(code);
            String[] f = TillJvm.run(FeedTillChild.class, List.of(url, r.terminalId(), r.branchId(), r.token(),
                    dir.resolve("till-terminal").toString()), dir.resolve("feed-till-child.log"), 10, "till-heap bootstrap");
            double seconds = Double.parseDouble(f[0]);
            long products = Long.parseLong(f[3]);
            if (products != n) {
                throw new IllegalStateException("till-heap bootstrap ended with " + products + " products of " + n);
            }
            double full = seconds * scale.skus() / n;
            return Row.measured("7", metric, full, "s", "<= 10 s", full <= 10, null, null, String.format(
                    "the same bootstrap in a child JVM with %s (installers/client-jvm-options, a till's heap); snapshot %.1f s;"
                            + " %d collections, %.1f s in GC (%s)%s", TillJvm.options(), Double.parseDouble(f[1]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]) / 1e3, f.length > 6 ? f[6] : "?",
                    n == scale.skus() ? "" : String.format("; %,d SKUs measured, extrapolated", n)));
        } catch (Exception e) {
            return Row.notMeasurable("7", metric, "FAILED: " + e.getMessage());
        }
    }

    /** Times the snapshot load (HQ's query and stream included: it is read as it is loaded) and the pages after it. */
    static final class TimedSink implements io.branchpos.sync.client.CatalogSink {
        private final StoreCatalogSink delegate;
        long snapshotNanos;
        long pageNanos;
        int pages;

        TimedSink(StoreCatalogSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public String cursor() {
            return delegate.cursor();
        }

        @Override
        public void apply(String after, io.branchpos.sync.protocol.FeedPage page) {
            long t = System.nanoTime();
            delegate.apply(after, page);
            pageNanos += System.nanoTime() - t;
            pages++;
        }

        @Override
        public boolean wantsSnapshot() {
            // BENCH_FEED_PAGES=1 in the environment: the page-by-page bootstrap of before decision 0258, for comparison only
            return !"1".equals(System.getenv("BENCH_FEED_PAGES")) && delegate.wantsSnapshot();
        }

        @Override
        public long loadSnapshot(io.branchpos.sync.protocol.FeedSnapshot.Reader snapshot) {
            long t = System.nanoTime();
            try {
                return delegate.loadSnapshot(snapshot);
            } finally {
                snapshotNanos += System.nanoTime() - t;
            }
        }
    }

    /** CPU time of this whole JVM (all threads), or 0 where the platform does not say. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
