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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog as the till reads it: exact barcode look-up and name search as you type, both on
 * indexes sized for 200,000 SKUs. Plain JDBC on these hot paths; entities for single updates.
 */
public final class CatalogRepository {
    private static final String SELECT_PRODUCT = "SELECT p.sku, p.name, p.category, p.tax_code, t.percent, p.unit,"
            + " p.price, p.currency, p.active, p.serialized FROM product p JOIN tax_rate t ON t.code = p.tax_code ";
    private static final int MAX_TERMS = 5;

    private final LocalStore store;

    public CatalogRepository(LocalStore store) {
        this.store = store;
    }

    /** The product a scanned or typed code belongs to. */
    public Optional<Product> findByBarcode(String code) {
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
     * Active products whose name has a word starting with each term of {@code query}, case- and
     * accent-insensitive ("mil org" finds "Organic Whole Milk"), ordered by name.
     */
    public List<Product> search(String query, int limit) {
        Set<String> terms = TextNormalizer.words(query);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<String> used = new ArrayList<>(terms).subList(0, Math.min(terms.size(), MAX_TERMS));
        StringBuilder sql = new StringBuilder(SELECT_PRODUCT).append("WHERE p.active");
        for (int i = 0; i < used.size(); i++) {
            sql.append(" AND p.sku IN (SELECT w.sku FROM product_word w WHERE w.word >= ? AND w.word < ?)");
        }
        sql.append(" ORDER BY p.name_norm, p.sku LIMIT ?");
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String term : used) {
                    ps.setString(i++, term);
                    ps.setString(i++, term + Character.MAX_VALUE);
                }
                ps.setInt(i, limit);
                List<Product> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
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
        session.createNativeMutationQuery("DELETE FROM product_word WHERE sku = ?1")
                .setParameter(1, p.sku().value()).executeUpdate();
        for (String word : TextNormalizer.words(p.name())) {
            session.createNativeMutationQuery("INSERT INTO product_word(word, sku) VALUES (?1, ?2)")
                    .setParameter(1, word).setParameter(2, p.sku().value()).executeUpdate();
        }
        session.createNativeMutationQuery("DELETE FROM barcode WHERE sku = ?1")
                .setParameter(1, p.sku().value()).executeUpdate();
        for (String code : item.barcodes()) {
            session.createNativeMutationQuery("MERGE INTO barcode(code, sku) KEY(code) VALUES (?1, ?2)")
                    .setParameter(1, code).setParameter(2, p.sku().value()).executeUpdate();
        }
    }

    private static Optional<Product> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    static Product map(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(8));
        BigDecimal price = rs.getBigDecimal(7).setScale(Math.max(currency.getDefaultFractionDigits(), 0),
                java.math.RoundingMode.UNNECESSARY);
        return new Product(new Sku(rs.getString(1)), rs.getString(2), rs.getString(3),
                new TaxRate(rs.getString(4), rs.getBigDecimal(5).stripTrailingZeros()),
                UnitOfMeasure.valueOf(rs.getString(6)), Money.of(price, currency), rs.getBoolean(9), rs.getBoolean(10));
    }

    /** Bulk load for bootstrap, demo and benchmarks: one transaction, JDBC batches. */
    public void importAll(Iterable<CatalogItem> items, List<TaxRate> rates) {
        store.jdbc(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                importAll(c, items, rates);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            try (var st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
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
                PreparedStatement unword = c.prepareStatement("DELETE FROM product_word WHERE sku = ?");
                PreparedStatement word = c.prepareStatement("MERGE INTO product_word(word, sku) KEY(word, sku) VALUES (?, ?)");
                PreparedStatement code = c.prepareStatement("MERGE INTO barcode(code, sku) KEY(code) VALUES (?, ?)")) {
            int n = 0;
            for (CatalogItem item : items) {
                Product p = item.product();
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
                prod.addBatch();
                unword.setString(1, p.sku().value());
                unword.addBatch();
                for (String w : TextNormalizer.words(p.name())) {
                    word.setString(1, w);
                    word.setString(2, p.sku().value());
                    word.addBatch();
                }
                for (String b : item.barcodes()) {
                    code.setString(1, b);
                    code.setString(2, p.sku().value());
                    code.addBatch();
                }
                if (++n % 1000 == 0) {
                    prod.executeBatch();
                    unword.executeBatch();
                    word.executeBatch();
                    code.executeBatch();
                }
            }
            prod.executeBatch();
            unword.executeBatch();
            word.executeBatch();
            code.executeBatch();
        }
    }
}
