package io.branchpos.store.catalog;

import io.branchpos.store.LocalStore;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live search index of one store: an immutable {@link ProductSearchIndex} built from the
 * product table on first use, plus the products changed since (searched directly, they are few).
 * After many changes the index is rebuilt. Thread-safe; one per {@link LocalStore}.
 */
final class CatalogSearch {
    private static final int REBUILD_AFTER_CHANGES = 5_000;

    static final String FILE = "search-index";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CatalogSearch.class);

    private final LocalStore store;
    private final CatalogSnapshotFiles files;
    private ProductSearchIndex base;
    /** sku → entry for changed products (null entry: removed or inactive). */
    private final Map<String, ProductSearchIndex.Entry> changed = new HashMap<>();

    CatalogSearch(LocalStore store) {
        this.store = store;
        this.files = new CatalogSnapshotFiles(store.config().dataDirectory());
    }

    synchronized void warmUp() {
        if (base == null) {
            rebuild();
        }
    }

    synchronized List<ProductSearchIndex.Hit> search(List<String> terms, int limit) {
        if (base == null || changed.size() > REBUILD_AFTER_CHANGES) {
            rebuild();
        }
        List<ProductSearchIndex.Hit> hits = new ArrayList<>(base.search(terms, limit, changed.keySet()));
        if (!changed.isEmpty()) {
            for (ProductSearchIndex.Entry e : changed.values()) {
                if (e != null) {
                    ProductSearchIndex.Hit h = ProductSearchIndex.match(e.sku(), e.nameNorm(), terms);
                    if (h != null) {
                        hits.add(h);
                    }
                }
            }
            hits.sort(Comparator.comparing((ProductSearchIndex.Hit h) -> !h.wordStart())
                    .thenComparing(ProductSearchIndex.Hit::nameNorm).thenComparing(ProductSearchIndex.Hit::sku));
            if (hits.size() > limit) {
                hits = new ArrayList<>(hits.subList(0, limit));
            }
        }
        return hits;
    }

    /** A product was created, renamed, activated or deactivated (called after its transaction committed). */
    synchronized void changed(String sku, String nameNorm, boolean active) {
        if (base != null) {
            changed.put(sku, active ? new ProductSearchIndex.Entry(sku, nameNorm) : null);
            if (changed.size() > REBUILD_AFTER_CHANGES) {
                // a bootstrap or bulk change: drop the index, build it once when next used
                base = null;
                changed.clear();
            }
        }
    }

    /** The whole catalog changed (bulk import): rebuild on next use. */
    synchronized void invalidate() {
        base = null;
        changed.clear();
    }

    /**
     * From the file saved under the catalog's stamp now if there is one (decision 0010), else
     * from the table (then saved if the catalog did not change while it was read).
     */
    private void rebuild() {
        String stamp = store.jdbc(CatalogStamp::read);
        java.util.Optional<ProductSearchIndex> saved = files.load(FILE, stamp, ProductSearchIndex::read);
        if (saved.isPresent()) {
            base = saved.get();
            changed.clear();
            return;
        }
        rebuildFromTable();
        if (stamp.equals(store.jdbc(CatalogStamp::read))) {
            files.save(FILE, stamp, base.image());
        }
    }

    private void rebuildFromTable() {
        List<ProductSearchIndex.Entry> entries = store.jdbc(c -> {
            List<ProductSearchIndex.Entry> out = new ArrayList<>();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT sku, name_norm FROM product WHERE active")) {
                while (rs.next()) {
                    out.add(new ProductSearchIndex.Entry(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
        base = ProductSearchIndex.build(entries);
        changed.clear();
    }
}
