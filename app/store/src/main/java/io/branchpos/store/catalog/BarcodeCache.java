package io.branchpos.store.catalog;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Barcode → product in memory, so a scan is answered without a database round trip (decision
 * 0006). Built from the tables on first use (the app warms it up at start, off the FX thread);
 * a code it does not hold is looked up in the database and remembered.
 *
 * <p>Kept correct on catalog changes by invalidation <em>after</em> the changing transaction has
 * ended (committed or rolled back): until then the cached entry is the committed truth. Every
 * invalidation bumps {@link #version}; an entry read from the database is only remembered if no
 * invalidation happened since the read began, so a value read before a commit can never be
 * remembered after it. Codes changed while the whole map is being built are left out of it.
 * Thread-safe; one per {@link LocalStore}.
 *
 * <p>The whole-catalog part is a compact {@link BarcodeTable}, saved in the data directory under
 * the catalog stamp it was read at and loaded from there by the next start if the stamp is
 * unchanged (decision 0010); codes looked up in the database since are held in a small map beside it.
 */
final class BarcodeCache {
    static final String FILE = "barcodes";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BarcodeCache.class);

    private final LocalStore store;
    private final CatalogSnapshotFiles files;
    private final Object lock = new Object();
    private final ReentrantLock building = new ReentrantLock();
    /** null: not built (or thrown away by a whole-catalog change). */
    private BarcodeTable table;
    /** Codes read from the database since the table was built (added codes, codes forgotten and read again). */
    private final Map<String, Product> added = new HashMap<>();
    private long version;
    /** While a build runs: the codes changed meanwhile; null otherwise. */
    private Set<String> changedDuringBuild;
    private boolean wholeChangedDuringBuild;

    BarcodeCache(LocalStore store) {
        this.store = store;
        this.files = new CatalogSnapshotFiles(store.config().dataDirectory());
    }

    private Product heldLocked(String code) {
        if (table == null) {
            return null;
        }
        Product p = added.get(code);
        return p != null ? p : table.get(code);
    }

    Optional<Product> find(String code) {
        BarcodeTable map;
        long seen;
        synchronized (lock) {
            map = table;
            seen = version;
            Product p = heldLocked(code);
            if (p != null) {
                return Optional.of(p);
            }
        }
        // not built: build it (first use), unless another thread is building it right now (the
        // app's start-up build) — then the database answers instead of waiting for the build
        if (map == null && building.tryLock()) {
            try {
                warmUp();
            } finally {
                building.unlock();
            }
            synchronized (lock) {
                map = table;
                seen = version;
                Product p = heldLocked(code);
                if (p != null) {
                    return Optional.of(p);
                }
            }
        }
        // not held: a code added since the build, or one that is not in the catalog
        Optional<Product> found = CatalogRepository.loadByBarcode(store, code);
        if (found.isPresent()) {
            synchronized (lock) {
                if (version == seen && table == map && map != null) {
                    added.put(code, found.get());
                }
            }
        }
        return found;
    }

    /** The product if the map is built and holds {@code code}; never blocks on the database. */
    Optional<Product> held(String code) {
        synchronized (lock) {
            return Optional.ofNullable(heldLocked(code));
        }
    }

    /**
     * Builds the map now if it is not built: from the saved file if it was saved under the
     * catalog's stamp now, else from the tables (and then saves it, if the catalog did not change
     * while it was read).
     */
    void warmUp() {
        building.lock();
        try {
            synchronized (lock) {
                if (table != null) {
                    return;
                }
                changedDuringBuild = new HashSet<>();
                wholeChangedDuringBuild = false;
            }
            BarcodeTable loaded = null;
            try {
                loaded = load();
            } finally {
                synchronized (lock) {
                    if (loaded != null && !wholeChangedDuringBuild && table == null) {
                        for (String code : changedDuringBuild) {
                            loaded.remove(code);
                        }
                        table = loaded;
                        added.clear();
                    }
                    changedDuringBuild = null;
                    wholeChangedDuringBuild = false;
                }
            }
        } finally {
            building.unlock();
        }
    }

    private BarcodeTable load() {
        String stamp = store.jdbc(CatalogStamp::read);
        Optional<BarcodeTable> saved = files.load(FILE, stamp, BarcodeTable::read);
        if (saved.isPresent()) {
            return saved.get();
        }
        BarcodeTable built = loadAll();
        if (stamp.equals(store.jdbc(CatalogStamp::read))) {
            files.save(FILE, stamp, built.image()); // the tables as of that stamp: nothing committed in between
        }
        return built;
    }

    /** These codes may now name another product, or none: forget them (after the change ended). */
    void invalidate(Collection<String> codes) {
        synchronized (lock) {
            version++;
            if (table != null) {
                for (String code : codes) {
                    added.remove(code);
                    table.remove(code);
                }
            }
            if (changedDuringBuild != null) {
                changedDuringBuild.addAll(codes);
            }
        }
    }

    /** The whole catalog changed (bulk import): rebuilt on next use. */
    void invalidateAll() {
        synchronized (lock) {
            version++;
            table = null;
            added.clear();
            if (changedDuringBuild != null) {
                wholeChangedDuringBuild = true;
            }
        }
    }

    /** Tax rates changed (after the change ended): every held product gets its rate as stored now. */
    void taxRatesChanged() {
        Map<String, TaxRate> rates = new HashMap<>();
        for (TaxRate r : new CatalogRepository(store).taxRates()) {
            rates.put(r.code(), new TaxRate(r.code(), r.percent().stripTrailingZeros()));
        }
        synchronized (lock) {
            version++;
            if (changedDuringBuild != null) {
                wholeChangedDuringBuild = true;
            }
            if (table != null) {
                table.replaceRates(rates);
                added.replaceAll((code, p) -> {
                    TaxRate now = rates.get(p.taxRate().code());
                    if (now == null) {
                        return p;
                    }
                    return now.equals(p.taxRate()) ? p : new Product(p.sku(), p.name(), p.category(), now, p.unit(),
                            p.price(), p.active(), p.serialized());
                });
                added.values().removeIf(p -> !rates.containsKey(p.taxRate().code()));
            }
        }
    }

    /** Two plain table scans joined here (cheaper than a three-way join of 260k rows in H2). */
    private BarcodeTable loadAll() {
        return store.jdbc(c -> {
            Map<Object, Object> shared = new HashMap<>(); // equal categories and rates: one object
            BarcodeTable.Builder out = new BarcodeTable.Builder();
            try (var st = c.createStatement()) {
                // no LAZY_QUERY_EXECUTION: a streamed H2 query can lose its snapshot's chunks to a
                // concurrent checkpoint ("Chunk … not found", seen in the benchmark)
                try (ResultSet rs = st.executeQuery(CatalogRepository.SELECT_ALL_PRODUCTS)) {
                    while (rs.next()) {
                        out.product(CatalogRepository.map(rs, shared));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT code, sku FROM barcode")) {
                    while (rs.next()) {
                        out.code(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out.build();
        });
    }
}
