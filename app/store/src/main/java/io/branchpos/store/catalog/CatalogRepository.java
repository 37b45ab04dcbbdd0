package io.branchpos.store.catalog;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import io.branchpos.store.WriteContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog as the till reads it: exact barcode look-up and name search as you type, both on
 * indexes sized for 200,000 SKUs. Plain JDBC on these hot paths; entities for single updates.
 */
public final class CatalogRepository {
    private static final String COLUMNS = "SELECT p.sku, p.name, p.category, p.tax_code, t.percent, p.unit,"
            + " p.price, p.currency, p.active, p.serialized";
    private static final String SELECT_PRODUCT = COLUMNS + " FROM product p JOIN tax_rate t ON t.code = p.tax_code ";
    /** Every product, to build {@link BarcodeCache}. */
    static final String SELECT_ALL_PRODUCTS = SELECT_PRODUCT;
    private static final int MAX_TERMS = 5;

    private final LocalStore store;

    public CatalogRepository(LocalStore store) {
        this.store = store;
    }

    /**
     * The product a scanned or typed code belongs to (active or not), answered from memory
     * (decision 0006): about a microsecond instead of a database round trip.
     */
    public Optional<Product> findByBarcode(String code) {
        return barcodes().find(code);
    }

    /**
     * The product of {@code code} if the in-memory map is built and holds it: never touches the
     * database, so it may be called on the FX thread. Empty means "ask {@link #findByBarcode}".
     */
    public Optional<Product> findByBarcodeInMemory(String code) {
        return barcodes().held(code);
    }

    /** Builds the in-memory barcode map now (at start-up, off the FX thread) instead of on the first scan. */
    public void warmUpBarcodes() {
        barcodes().warmUp();
        io.branchpos.store.StartupTimeline.mark("barcode map built");
    }

    private BarcodeCache barcodes() {
        return store.component(BarcodeCache.class, BarcodeCache::new);
    }

    /** The product of {@code code} as the database holds it now (no cache). */
    static Optional<Product> loadByBarcode(LocalStore store, String code) {
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_PRODUCT
                    + "JOIN barcode b ON b.sku = p.sku WHERE b.code = ?")) {
                ps.setString(1, code);
                return first(ps);
            }
        });
    }

    public Optional<Product> findBySku(String sku) {
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_PRODUCT + "WHERE p.sku = ?")) {
                ps.setString(1, sku);
                return first(ps);
            }
        });
    }

    /**
     * Active products whose name contains every term of {@code query}, case- and
     * accent-insensitive: first those where each term starts a word ("mil org" finds "Organic
     * Whole Milk"), then those where a term of 3+ characters is inside a word ("ilk" finds
     * "Buttermilk"), each group in name order. Served from memory (decision 0005).
     */
    public List<Product> search(String query, int limit) {
        Set<String> terms = TextNormalizer.words(query);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<String> used = new ArrayList<>(terms).subList(0, Math.min(terms.size(), MAX_TERMS));
        List<ProductSearchIndex.Hit> hits = index().search(used, limit);
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, Product> bySku = new HashMap<>();
        store.jdbc(c -> {
            StringBuilder sql = new StringBuilder(SELECT_PRODUCT).append("WHERE p.sku IN (");
            for (int i = 0; i < hits.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.append(")").toString())) {
                for (int i = 0; i < hits.size(); i++) {
                    ps.setString(i + 1, hits.get(i).sku());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Product p = map(rs);
                        bySku.put(p.sku().value(), p);
                    }
                }
            }
            return null;
        });
        List<Product> out = new ArrayList<>(hits.size());
        for (ProductSearchIndex.Hit h : hits) {
            Product p = bySku.get(h.sku());
            if (p != null && p.active()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Builds the search index now (at start-up, off the FX thread) instead of on the first search. */
    public void warmUpSearch() {
        index().warmUp();
        io.branchpos.store.StartupTimeline.mark("search index built");
    }

    private CatalogSearch index() {
        return store.component(CatalogSearch.class, CatalogSearch::new);
    }

    public long countProducts() {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM product")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public List<TaxRate> taxRates() {
        return store.jdbc(c -> {
            List<TaxRate> out = new ArrayList<>();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT code, percent FROM tax_rate ORDER BY code")) {
                while (rs.next()) {
                    out.add(new TaxRate(rs.getString(1), rs.getBigDecimal(2)));
                }
            }
            return out;
        });
    }

    /** Creates or replaces one product and its barcodes inside the caller's transaction. */
    public void upsert(WriteContext ctx, CatalogItem item) {
        Product p = item.product();
        var session = ctx.session();
        TaxRateEntity rate = session.find(TaxRateEntity.class, p.taxRate().code());
        if (rate == null) {
            session.persist(new TaxRateEntity(p.taxRate().code(), p.taxRate().percent(), p.taxRate().code()));
        }
        ProductEntity existing = session.find(ProductEntity.class, p.sku().value());
        if (existing == null) {
            session.persist(new ProductEntity(p));
        } else {
            existing.update(p);
        }
        session.flush();
        // the codes the product had: they may now belong to nobody (deleted in the same statement)
        Set<String> changedCodes = new HashSet<>(session.createNativeQuery(
                "SELECT code FROM OLD TABLE (DELETE FROM barcode WHERE sku = ?1)", String.class)
                .setParameter(1, p.sku().value()).getResultList());
        changedCodes.addAll(item.barcodes());
        for (String code : item.barcodes()) {
            session.createNativeMutationQuery("MERGE INTO barcode(code, sku) KEY(code) VALUES (?1, ?2)")
                    .setParameter(1, code).setParameter(2, p.sku().value()).executeUpdate();
        }
        // The index hears of this before the commit. Results are always read back from the
        // table, so a rolled-back change never shows a product that is not there; at worst
        // the old name of a rolled-back rename is not found until the next index rebuild.
        index().changed(p.sku().value(), TextNormalizer.normalize(p.name()), p.active());
        CatalogStamp.bump(ctx); // the saved barcode map and search index are stale once this commits (0010)
        // The barcode map forgets the codes once the transaction has ended: until the commit the
        // cached product is the committed truth, after it (or a rollback) the table is read again.
        BarcodeCache cache = barcodes();
        afterTransaction(ctx, () -> cache.invalidate(changedCodes));
    }

    /**
     * Tax rates were changed in this transaction (the feed): products in memory get their new
     * rate once it has committed.
     */
    public void taxRatesChanged(WriteContext ctx) {
        CatalogStamp.bump(ctx);
        BarcodeCache cache = barcodes();
        afterTransaction(ctx, cache::taxRatesChanged);
    }

    private static void afterTransaction(WriteContext ctx, Runnable action) {
        ctx.session().getTransaction().registerSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    /**
     * Creates or replaces many products and their barcodes on the caller's connection and inside
     * its transaction, as JDBC batches (the feed's apply path, decision 0254). Their tax rates must
     * exist. A replaced product's {@code version} is raised as an entity update would. As
     * {@link #upsert}, the barcode map forgets every code involved (the products' old and new
     * codes) once the transaction has ended.
     */
    public void upsertAll(WriteContext ctx, Connection c, List<CatalogItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        Set<String> changedCodes = new HashSet<>();
        try (PreparedStatement old = c.prepareStatement("SELECT code FROM barcode WHERE sku = ANY(?)")) {
            old.setArray(1, c.createArrayOf("VARCHAR", items.stream().map(i -> i.product().sku().value()).toArray()));
            try (ResultSet rs = old.executeQuery()) {
                while (rs.next()) {
                    changedCodes.add(rs.getString(1));
                }
            }
        }
        for (CatalogItem item : items) {
            changedCodes.addAll(item.barcodes());
        }
        BarcodeCache cache = barcodes();
        afterTransaction(ctx, () -> cache.invalidate(changedCodes));
        CatalogStamp.bump(c);
        String[] norms = new String[items.size()];
        int[] updated;
        try (PreparedStatement update = c.prepareStatement("UPDATE product SET name = ?, name_norm = ?, category = ?, tax_code = ?,"
                + " unit = ?, price = ?, currency = ?, active = ?, serialized = ?, version = version + 1 WHERE sku = ?")) {
            for (int i = 0; i < items.size(); i++) {
                Product p = items.get(i).product();
                norms[i] = TextNormalizer.normalize(p.name());
                update.setString(1, p.name());
                update.setString(2, norms[i]);
                update.setString(3, p.category());
                update.setString(4, p.taxRate().code());
                update.setString(5, p.unit().name());
                update.setBigDecimal(6, p.price().amount());
                update.setString(7, p.price().currency().getCurrencyCode());
                update.setBoolean(8, p.active());
                update.setBoolean(9, p.serialized());
                update.setString(10, p.sku().value());
                update.addBatch();
            }
            updated = update.executeBatch();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO product(sku, name, name_norm, category, tax_code,"
                    + " unit, price, currency, active, serialized, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < items.size(); i++) {
                    if (updated[i] > 0) {
                        continue;
                    }
                    Product p = items.get(i).product();
                    insert.setString(1, p.sku().value());
                    insert.setString(2, p.name());
                    insert.setString(3, norms[i]);
                    insert.setString(4, p.category());
                    insert.setString(5, p.taxRate().code());
                    insert.setString(6, p.unit().name());
                    insert.setBigDecimal(7, p.price().amount());
                    insert.setString(8, p.price().currency().getCurrencyCode());
                    insert.setBoolean(9, p.active());
                    insert.setBoolean(10, p.serialized());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM barcode WHERE sku = ?");
                PreparedStatement code = c.prepareStatement("MERGE INTO barcode(code, sku) KEY(code) VALUES (?, ?)")) {
            for (int i = 0; i < items.size(); i++) {
                if (updated[i] > 0) { // a product just inserted has no barcodes yet
                    delete.setString(1, items.get(i).product().sku().value());
                    delete.addBatch();
                }
            }
            delete.executeBatch();
            for (CatalogItem item : items) {
                for (String b : item.barcodes()) {
                    code.setString(1, b);
                    code.setString(2, item.product().sku().value());
                    code.addBatch();
                }
            }
            code.executeBatch();
        }
        // As in upsert: the index hears of this before the commit; results are read back from the table.
        CatalogSearch search = index();
        for (int i = 0; i < items.size(); i++) {
            Product p = items.get(i).product();
            search.changed(p.sku().value(), norms[i], p.active());
        }
    }

    /**
     * The catalog tables change wholesale in the transaction {@code c} is in (a feed snapshot,
     * decision 0258): the barcode map and search index saved under the old stamp must not be loaded
     * by the next start (decision 0010).
     */
    public static void catalogReplacedIn(Connection c) throws SQLException {
        CatalogStamp.bump(c);
    }

    /**
     * The catalog tables were replaced wholesale outside {@link #upsert}/{@link #upsertAll} (a feed
     * snapshot, decision 0258): the search index is rebuilt when next used and the barcode map
     * forgets everything (decision 0006). Call after the replacing transaction has committed.
     */
    public void catalogReplaced() {
        index().invalidate();
        barcodes().invalidateAll();
    }

    /**
     * H2's page cache while a bulk load runs, in KB (the default 16 MB makes H2 re-read index pages it
     * just wrote): a quarter of the heap less 48 MB, between 16 and 256 MB. H2's cache lives in the
     * heap: a till runs with {@code -Xmx256m} (installers/client-jvm-options), where a 256 MB cache ran
     * a 200k-SKU snapshot load out of memory and a 64 MB one left it to full collections (a 200k
     * bootstrap in 256 MB: 91 s with 64 MB, 59 s with 32 MB, 51 s with 16 MB; 19 s in 3 GB).
     */
    static final int BULK_CACHE_KB = bulkCacheKb(Runtime.getRuntime().maxMemory());

    static int bulkCacheKb(long maxHeapBytes) {
        return (int) Math.max(16 * 1024, Math.min(256L * 1024, maxHeapBytes / 1024 / 4 - 48 * 1024));
    }

    /**
     * Runs {@code work} as one transaction on {@code c} (rolled back if it throws) under
     * {@link #withBulkCache}; puts the connection's auto-commit back afterwards.
     */
    public static <T> T inBulkTransaction(Connection c, LocalStore.SqlWork<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = withBulkCache(c, work);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Runs {@code work} with H2's page cache raised to {@value #BULK_CACHE_KB} KB, and puts the
     * previous size back afterwards (decision 0258). The setting is the database's, not the connection's.
     */
    private static <T> T withBulkCache(Connection c, LocalStore.SqlWork<T> work) throws SQLException {
        int before = 0;
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
            if (rs.next()) {
                before = Integer.parseInt(rs.getString(1).trim());
            }
        }
        if (before >= BULK_CACHE_KB) {
            return work.run(c);
        }
        try (var st = c.createStatement()) {
            st.execute("SET CACHE_SIZE " + BULK_CACHE_KB);
        }
        try {
            return work.run(c);
        } finally {
            if (before > 0) {
                try (var st = c.createStatement()) {
                    st.execute("SET CACHE_SIZE " + before);
                }
            }
        }
    }

    /**
     * Inserts products and their barcodes into tables that hold none of them (no MERGE, no look-up
     * per row): the bulk path of a feed snapshot (decision 0258).
     * Batches of 1,000; the caller owns the transaction. Codes must be unique across the items.
     */
    public static final class BulkInsert implements AutoCloseable {
        private final PreparedStatement prod;
        private final PreparedStatement code;
        private int pending;

        public BulkInsert(Connection c) throws SQLException {
            this.prod = c.prepareStatement("INSERT INTO product(sku, name, name_norm, category, tax_code,"
                    + " unit, price, currency, active, serialized, version, feed_data, price_version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
            this.code = c.prepareStatement("INSERT INTO barcode(code, sku) VALUES (?, ?)");
        }

        public void add(Product p, List<String> barcodes) throws SQLException {
            add(p, barcodes, null, null);
        }

        /**
         * A product that came from HQ's feed, with HQ's text of it and the HQ price version behind its price
         * (FeedStore's columns, decision 0264; null: none).
         */
        public void add(Product p, List<String> barcodes, String feedData, Long priceVersion) throws SQLException {
            bindProduct(prod, p);
            prod.setString(11, feedData);
            prod.setObject(12, priceVersion, java.sql.Types.BIGINT);
            prod.addBatch();
            for (String b : barcodes) {
                code.setString(1, b);
                code.setString(2, p.sku().value());
                code.addBatch();
            }
            if (++pending == 1000) {
                flush();
            }
        }

        /** Sends what is batched (products before their barcodes: the foreign key). */
        public void flush() throws SQLException {
            if (pending > 0) {
                prod.executeBatch();
                code.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                prod.close();
                code.close();
            }
        }
    }

    /** Binds the first ten parameters of a product row (sku … serialized), in the column order both bulk paths use. */
    private static void bindProduct(PreparedStatement prod, Product p) throws SQLException {
        prod.setString(1, p.sku().value());
        prod.setString(2, p.name());
        prod.setString(3, TextNormalizer.normalize(p.name()));
        prod.setString(4, p.category());
        prod.setString(5, p.taxRate().code());
        prod.setString(6, p.unit().name());
        prod.setBigDecimal(7, p.price().amount());
        prod.setString(8, p.price().currency().getCurrencyCode());
        prod.setBoolean(9, p.active());
        prod.setBoolean(10, p.serialized());
    }

    private static Optional<Product> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    static Product map(ResultSet rs) throws SQLException {
        return map(rs, null);
    }

    /** Maps a row; with {@code shared}, equal categories and tax rates are one object (a map of 200k products). */
    static Product map(ResultSet rs, Map<Object, Object> shared) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(8));
        BigDecimal price = rs.getBigDecimal(7).setScale(Math.max(currency.getDefaultFractionDigits(), 0),
                java.math.RoundingMode.UNNECESSARY);
        String category = rs.getString(3);
        TaxRate rate = new TaxRate(rs.getString(4), rs.getBigDecimal(5).stripTrailingZeros());
        if (shared != null) {
            category = (String) shared.computeIfAbsent(category, k -> k);
            rate = (TaxRate) shared.computeIfAbsent(rate, k -> k);
        }
        return new Product(new Sku(rs.getString(1)), rs.getString(2), category, rate,
                UnitOfMeasure.valueOf(rs.getString(6)), Money.of(price, currency), rs.getBoolean(9), rs.getBoolean(10));
    }

    /** Bulk load for bootstrap, demo and benchmarks: one transaction, JDBC batches, H2's page cache raised meanwhile. */
    public void importAll(Iterable<CatalogItem> items, List<TaxRate> rates) {
        store.jdbc(c -> {
            inBulkTransaction(c, conn -> {
                importAll(conn, items, rates);
                CatalogStamp.bump(conn);
                return null;
            });
            try (var st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
        index().invalidate();
        barcodes().invalidateAll();
    }

    private static void importAll(Connection c, Iterable<CatalogItem> items, List<TaxRate> rates) throws SQLException {
        try (PreparedStatement tax = c.prepareStatement(
                "MERGE INTO tax_rate(code, percent, name) KEY(code) VALUES (?, ?, ?)")) {
            for (TaxRate r : rates) {
                tax.setString(1, r.code());
                tax.setBigDecimal(2, r.percent());
                tax.setString(3, r.code());
                tax.addBatch();
            }
            tax.executeBatch();
        }
        try (PreparedStatement prod = c.prepareStatement("MERGE INTO product(sku, name, name_norm, category, tax_code,"
                + " unit, price, currency, active, serialized) KEY(sku) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement code = c.prepareStatement("MERGE INTO barcode(code, sku) KEY(code) VALUES (?, ?)")) {
            int n = 0;
            for (CatalogItem item : items) {
                Product p = item.product();
                bindProduct(prod, p);
                prod.addBatch();
                for (String b : item.barcodes()) {
                    code.setString(1, b);
                    code.setString(2, p.sku().value());
                    code.addBatch();
                }
                if (++n % 1000 == 0) {
                    prod.executeBatch();
                    code.executeBatch();
                }
            }
            prod.executeBatch();
            code.executeBatch();
        }
    }
}
