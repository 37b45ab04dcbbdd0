package io.branchpos.desktop;

import io.branchpos.desktop.config.AppConfig;
import io.branchpos.domain.id.IdGenerator;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalRepository;
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
    private final LocalStore store;
    private final CatalogRepository catalog;
    private final SalesRepository sales;
    private final JournalRepository journal;
    /** Database reads and writes off the FX thread, one at a time, in order. */
    private final ExecutorService storeExecutor;

    private AppContext(AppConfig config, Clock clock, IdGenerator ids, LocalStore store) {
        this.config = config;
        this.clock = clock;
        this.ids = ids;
        this.store = store;
        this.catalog = new CatalogRepository(store);
        this.sales = new SalesRepository(store);
        this.journal = new JournalRepository(store);
        this.storeExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "branchpos-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the local store (and seeds the demo catalog on a first demo start). */
    public static AppContext start(AppConfig config) {
        Clock clock = Clock.systemDefaultZone();
        IdGenerator ids = new UuidV7Generator(clock, new SecureRandom());
        LocalStore store = LocalStore.open(new StoreConfig(config.dataDir(), config.terminalId(), clock, ids,
                StoreConfig.Durability.FSYNC));
        AppContext ctx = new AppContext(config, clock, ids, store);
        if (config.demo() && ctx.catalog.countProducts() == 0) {
            log.info("Seeding the demo store with {} products", 1_000);
            ctx.catalog.importAll(DemoCatalog.demoStore(), DemoCatalog.RATES);
        }
        // build the name-search index now, off the FX thread, so the first keystroke is instant
        ctx.storeExecutor.execute(ctx.catalog::warmUpSearch);
        return ctx;
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
        return store;
    }

    public CatalogRepository catalog() {
        return catalog;
    }

    public SalesRepository sales() {
        return sales;
    }

    public JournalRepository journal() {
        return journal;
    }

    public ExecutorService storeExecutor() {
        return storeExecutor;
    }

    @Override
    public void close() {
        storeExecutor.shutdown();
        try {
            if (!storeExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("store work still running at exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
