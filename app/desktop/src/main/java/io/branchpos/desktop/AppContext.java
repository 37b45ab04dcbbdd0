package io.branchpos.desktop;

import io.branchpos.desktop.config.AppConfig;
import io.branchpos.desktop.sync.FileCredentialStore;
import io.branchpos.desktop.sync.StoreJournalOutbox;
import io.branchpos.sync.client.SyncEngine;
import java.util.Optional;
import io.branchpos.domain.id.IdGenerator;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.domain.auth.LockoutPolicy;
import io.branchpos.store.auth.DemoUsers;
import io.branchpos.store.auth.PinHasher;
import io.branchpos.store.auth.UserRepository;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.store.park.ParkedSales;
import io.branchpos.store.park.TillEvents;
import io.branchpos.store.till.TillRepository;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.store.sale.SalesRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one running terminal, created once at start-up and closed at exit. Screens get
 * what they need from here; nothing in here touches JavaFX nodes.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    private final AppConfig config;
    private final Clock clock;
    private final IdGenerator ids;
    /*
     * The store and what stands on it: set once by open() (on the opening thread), read only
     * after ready completed (the accessors wait for it), so the UI can be built while the store
     * opens and nothing reaches a half-open store (decision 0012).
     */
    private LocalStore store;
    private CatalogRepository catalog;
    private SalesRepository sales;
    private JournalRepository journal;
    private UserRepository users;
    private ParkedSales parkedSales;
    private TillEvents tillEvents;
    /** Completes when the store is open and the demo set-up and sync are started; fails if the store cannot open. */
    private final java.util.concurrent.CompletableFuture<AppContext> ready = new java.util.concurrent.CompletableFuture<>();
    /** Completes when the store itself is open (H2, Flyway, Hibernate), before the demo set-up; fails with ready. */
    private final java.util.concurrent.CompletableFuture<Void> storeOpened = new java.util.concurrent.CompletableFuture<>();
    /**
     * Completes when the start's catalog loads (search index, barcode map) have ended, loaded or
     * failed: the start's own work is done (decision 0023). Never fails.
     */
    private final java.util.concurrent.CompletableFuture<Void> catalogLoaded = new java.util.concurrent.CompletableFuture<>();
    /** Database reads and writes off the FX thread, one at a time, in order. */
    private final ExecutorService storeExecutor;
    /** Uploads the journal to HQ; absent when no server is configured (demo, offline install). */
    private SyncEngine sync;
    private io.branchpos.desktop.feed.CatalogFeed catalogFeed;

    private AppContext(AppConfig config, Clock clock, IdGenerator ids) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.storeExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "branchpos-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the local store (and seeds the demo catalog on a first demo start); returns when all is ready. */
    public static AppContext start(AppConfig config) {
        AppContext ctx = create(config);
        ctx.open();
        ctx.awaitReady();
        ctx.store.startHibernate();
        return ctx;
    }

    /**
     * Returns at once and opens the store on its own thread: the UI can be built meanwhile; every
     * accessor of the store and its repositories waits until it is open ({@link #whenReady}).
     * Hibernate's bootstrap is not started (nothing on the way to ready-to-scan needs it, decision
     * 0016): call {@link #startHibernate} once the till is ready; whatever needs it before starts it
     * and waits for it.
     */
    public static AppContext opening(AppConfig config) {
        AppContext ctx = create(config);
        Thread t = new Thread(ctx::open, "branchpos-open-store");
        t.setDaemon(true);
        t.start();
        return ctx;
    }

    private static AppContext create(AppConfig config) {
        Clock clock = Clock.systemDefaultZone();
        return new AppContext(config, clock, new UuidV7Generator(clock, new SecureRandom()));
    }

    /** Completes when the store is open and set up (exceptionally if it cannot open). */
    public java.util.concurrent.CompletionStage<AppContext> whenReady() {
        return ready.copy();
    }

    /** Waits until the store is open; throws what stopped it from opening. */
    public AppContext awaitReady() {
        try {
            return ready.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Waits until the store itself is open (not the demo set-up, the index or the barcode map);
     * returns also if it failed to open ({@link #whenReady} tells).
     */
    public void awaitStoreOpened() {
        try {
            storeOpened.join();
        } catch (java.util.concurrent.CompletionException failed) {
            // reported through whenReady
        }
    }

    private void open() {
        try {
            openStore();
            ready.complete(this);
        } catch (Throwable e) {
            try {
                closeServices();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            storeOpened.completeExceptionally(e);
            ready.completeExceptionally(e);
        }
    }

    private static void runThenComplete(Runnable work, java.util.concurrent.CompletableFuture<Void> done) {
        try {
            work.run();
        } finally {
            done.complete(null);
        }
    }

    /**
     * Completes once the start's catalog loads (the search index and the barcode map, from the saved
     * files or the tables) have ended, whether they loaded or failed; never if the store cannot open.
     * Work a start defers past ready waits for it (decision 0023).
     */
    public java.util.concurrent.CompletionStage<Void> whenCatalogLoaded() {
        return catalogLoaded.copy();
    }

    /** Starts Hibernate's bootstrap in the background once the store is open (see {@link #opening}). */
    public void startHibernate() {
        ready.thenAccept(ctx -> ctx.store.startHibernate());
    }

    /** Whether Hibernate's bootstrap has been started (tests; decision 0409). */
    boolean hibernateStarted() {
        return ready.isDone() && !ready.isCompletedExceptionally() && store.hibernateStarted();
    }

    private void openStore() {
        LocalStore store = LocalStore.openDeferringHibernate(new StoreConfig(config.dataDir(), config.terminalId(), clock, ids,
                StoreConfig.Durability.FSYNC));
        this.store = store;
        this.catalog = new CatalogRepository(store);
        this.sales = new SalesRepository(store);
        this.journal = new JournalRepository(store);
        this.users = new UserRepository(store, new PinHasher(), new LockoutPolicy(
                Integer.parseInt(config.get("signin.maxFailures", "5")),
                java.time.Duration.ofMinutes(Long.parseLong(config.get("signin.lockMinutes", "5")))));
        this.parkedSales = new ParkedSales(store);
        this.tillEvents = new TillEvents(store);
        storeOpened.complete(null);
        AppContext ctx = this;
        // build the name-search index now, on its own thread, so the first keystroke finds it built;
        // scanning (barcode look-ups), sign-in and the demo set-up below do not wait for it
        java.util.concurrent.CompletableFuture<Void> indexLoaded = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> barcodesLoaded = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture.allOf(indexLoaded, barcodesLoaded)
                .whenComplete((done, failed) -> catalogLoaded.complete(null));
        Thread index = new Thread(() -> runThenComplete(ctx.catalog::warmUpSearch, indexLoaded), "branchpos-search-index");
        index.setDaemon(true);
        index.start();
        if (config.demo() && ctx.catalog.countProducts() == 0) {
            log.info("Seeding the demo store with {} products", 1_000);
            ctx.catalog.importAll(DemoCatalog.demoStore(), DemoCatalog.RATES);
        }
        if (config.demo()) {
            DemoUsers.seed(ctx.users, store);
            openDemoTill(config, store);
            io.branchpos.store.StartupTimeline.mark("demo users and till");
        }
        // the barcode map beside the search index (decision 0006), on its own thread so sign-in does not wait for it
        Thread barcodes = new Thread(() -> runThenComplete(ctx.catalog::warmUpBarcodes, barcodesLoaded), "barcode-map");
        barcodes.setDaemon(true);
        barcodes.start();
        // the first PIN check after a start ran SHA-256 interpreted for a while (C1 only, ~35 ms more than
        // later checks): a short derivation now, while the first scene is built and the cashier types (0020)
        Thread pinWarmUp = new Thread(io.branchpos.store.auth.PinHasher::warmUp, "pin-hash-warm-up");
        pinWarmUp.setDaemon(true);
        pinWarmUp.start();
        config.serverUrl().ifPresent(ctx::startSync);
    }

    private void startSync(String serverUrl) {
        // the pre-seeded one-time code: offered once, then recorded as used and removed from the config (0404)
        io.branchpos.desktop.install.PreseededEnrollment enrollment =
                io.branchpos.desktop.install.PreseededEnrollment.of(config, clock);
        sync = SyncEngine.builder()
                .outbox(new StoreJournalOutbox(journal, clock))
                .credentials(enrollment.spendingOnSave(new FileCredentialStore(config.dataDir())))
                .serverUrl(serverUrl)
                .enrollmentCode(enrollment.codeForSync().orElse(null))
                .clock(clock)
                .build();
        store.onCommit(sync::nudge); // a new sale is on its way to HQ within moments
        // state changes in the log, for IT ("Sync UP_TO_DATE (0 waiting)": everything is at HQ)
        java.util.concurrent.atomic.AtomicReference<io.branchpos.sync.client.SyncStatus.State> lastState =
                new java.util.concurrent.atomic.AtomicReference<>();
        sync.addListener(s -> {
            if (lastState.getAndSet(s.state()) != s.state()) {
                log.info("Sync {} ({} waiting){}", s.state(), s.pendingCount(), s.lastError() == null ? "" : ": " + s.lastError());
            }
        });
        sync.start();
        catalogFeed = new io.branchpos.desktop.feed.CatalogFeed(store, serverUrl, new FileCredentialStore(config.dataDir())).start();
        log.info("Sync to {} started", serverUrl);
    }

    /**
     * The demo store sells right away: if no till is open, the demo manager opens one with a
     * counted float of 150.00 (journaled TILL_OPENED). A real branch opens its till on the
     * manager screen. Off with {@code --set demo.openTill=false}. See decision 0302.
     */
    private static void openDemoTill(AppConfig config, LocalStore store) {
        if (!Boolean.parseBoolean(config.get("demo.openTill", "true"))) {
            return;
        }
        TillRepository tills = new TillRepository(store);
        if (tills.current().isEmpty()) {
            java.util.Currency eur = java.util.Currency.getInstance("EUR");
            CashCount demoFloat = CashCount.empty(eur).with(Denomination.note("50"), 1).with(Denomination.note("20"), 2)
                    .with(Denomination.note("10"), 3).with(Denomination.note("5"), 2).with(Denomination.coin("2"), 5)
                    .with(Denomination.coin("1"), 10);
            tills.open("u-maria", demoFloat);
            log.info("Demo: opened the till with a float of {}", demoFloat.total());
        }
    }

    public AppConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public IdGenerator ids() {
        return ids;
    }

    public LocalStore store() {
        awaitReady();
        return store;
    }

    public CatalogRepository catalog() {
        awaitReady();
        return catalog;
    }

    public SalesRepository sales() {
        awaitReady();
        return sales;
    }

    public JournalRepository journal() {
        awaitReady();
        return journal;
    }

    /** HQ's catalog feed (present when a server URL is configured); {@code readyToSell()} after bootstrap. */
    public Optional<io.branchpos.desktop.feed.CatalogFeed> catalogFeed() {
        awaitReady();
        return Optional.ofNullable(catalogFeed);
    }

    public Optional<SyncEngine> sync() {
        awaitReady();
        return Optional.ofNullable(sync);
    }

    public UserRepository users() {
        awaitReady();
        return users;
    }

    public ParkedSales parkedSales() {
        awaitReady();
        return parkedSales;
    }

    public TillEvents tillEvents() {
        awaitReady();
        return tillEvents;
    }

    public ExecutorService storeExecutor() {
        return storeExecutor;
    }

    @Override
    public void close() {
        if (!ready.isDone()) {
            try {
                ready.join(); // still opening: close it once open
            } catch (java.util.concurrent.CompletionException failed) {
                // it closed what it had opened
            }
        }
        if (catalogFeed != null) {
            catalogFeed.close();
        }
        if (sync != null) {
            sync.close();
        }
        storeExecutor.shutdown();
        try {
            if (!storeExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("store work still running at exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store != null) {
            store.close();
        }
    }

    /** What a failed open had already started. */
    private void closeServices() {
        if (catalogFeed != null) {
            catalogFeed.close();
        }
        if (sync != null) {
            sync.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
