package io.branchpos.store.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.catalog.CatalogItem;
import io.branchpos.store.catalog.CatalogRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's side of HQ's catalog feed. {@link #apply} writes one page and its cursor in one
 * durable transaction (invariant 6): after a crash the store holds either the whole page and the
 * new cursor, or neither, and pulling again from the stored cursor resumes exactly there.
 * The product table is derived: HQ's product state ({@code feed_product}) plus the price effective
 * now ({@code feed_price}); {@link #applyDuePrices} switches scheduled prices when they fall due.
 */
public final class FeedStore {
    private static final Logger log = LoggerFactory.getLogger(FeedStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below this many active products the mass-deactivation guard does not apply (tiny catalogs). */
    static final long GUARD_MIN_CATALOG = 20;

    private final LocalStore store;
    private final CatalogRepository catalog;

    public FeedStore(LocalStore store) {
        this.store = store;
        this.catalog = new CatalogRepository(store);
    }

    /** Where the terminal is in the feed ({@code "0"}, incomplete, on a fresh store). */
    public FeedState state() {
        return store.jdbc(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT cursor, complete, applied, remaining FROM feed_state WHERE id = 1")) {
                return rs.next() ? new FeedState(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4))
                        : new FeedState("0", false, 0, 0);
            }
        });
    }

    /**
     * Applies one page fetched {@code after} the given cursor, and stores {@code nextCursor}, in one
     * transaction. A page fetched from another cursor than the stored one (a stale or concurrent
     * pull) is refused with {@link IllegalStateException}; a page that would deactivate most of the
     * catalog without HQ's {@code intended} mark with {@link MassDeactivationRefusedException}.
     * Nothing is written in either case.
     */
    public FeedState apply(String after, List<FeedEntry> entries, String nextCursor, boolean hasMore, long remaining) {
        return store.write(ctx -> ctx.session().doReturningWork(c -> {
            try {
                return apply(ctx, c, after, entries, nextCursor, hasMore, remaining);
            } catch (IOException e) {
                throw new StoreException("HQ sent an unreadable feed change: " + e.getMessage(), e);
            }
        }));
    }

    private FeedState apply(WriteContext ctx, Connection c, String after, List<FeedEntry> entries, String nextCursor,
                            boolean hasMore, long remaining) throws SQLException, IOException {
        FeedState current = null;
        long baseline = 0;
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT cursor, complete, applied, remaining, baseline_active FROM feed_state WHERE id = 1 FOR UPDATE")) {
            if (rs.next()) {
                current = new FeedState(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4));
                baseline = rs.getLong(5);
            }
        }
        if (current == null) {
            current = new FeedState("0", false, 0, 0);
            exec(c, "INSERT INTO feed_state(id, cursor, complete, applied, remaining, baseline_active) VALUES (1, '0', FALSE, 0, 0, 0)");
        }
        if (!current.cursor().equals(after)) {
            throw new IllegalStateException("feed page was fetched after " + after + " but the store is at " + current.cursor());
        }
        baseline = guard(c, entries, baseline);
        Instant now = ctx.now();
        Set<String> touched = new LinkedHashSet<>();
        boolean taxChanged = false;
        for (FeedEntry e : entries) {
            JsonNode d = JSON.readTree(e.dataJson());
            switch (e.kind()) {
                case "TAX" -> {
                    exec(c, "MERGE INTO tax_rate(code, percent, name) KEY(code) VALUES (?, ?, ?)",
                            d.path("code").asText(), new BigDecimal(d.path("percent").asText()), d.path("name").asText());
                    taxChanged = true;
                }
                case "PRODUCT" -> {
                    exec(c, "MERGE INTO feed_product(sku, data, pending) KEY(sku) VALUES (?, ?, FALSE)",
                            d.path("sku").asText(), e.dataJson());
                    touched.add(d.path("sku").asText());
                }
                case "PRICE" -> {
                    exec(c, "MERGE INTO feed_price(sku, effective_from, price, version) KEY(sku, effective_from) VALUES (?, ?, ?, ?)",
                            d.path("sku").asText(), Timestamp.from(Instant.parse(d.path("effectiveFrom").asText())),
                            new BigDecimal(d.path("price").asText()), d.path("version").asLong());
                    touched.add(d.path("sku").asText());
                }
                case "USER" -> exec(c, "MERGE INTO app_user(user_id, code, name, role, pin_hash, active) KEY(user_id) "
                                + "VALUES (?, ?, ?, ?, ?, ?)", d.path("userId").asText(), d.path("code").asText(),
                        d.path("name").asText(), d.path("role").asText(), d.path("pinHash").asText(), d.path("active").asBoolean());
                default -> log.debug("ignoring feed change of unknown kind {}", e.kind());
            }
        }
        if (taxChanged) {
            touched.addAll(strings(c, "SELECT sku FROM feed_product WHERE pending"));
            catalog.taxRatesChanged(ctx);
        }
        for (String sku : touched) {
            materialise(ctx, c, sku, now);
        }
        boolean complete = current.complete() || !hasMore;
        if (!hasMore) {
            baseline = activeProducts(c);
        }
        exec(c, "UPDATE feed_state SET cursor = ?, complete = ?, applied = ?, remaining = ?, baseline_active = ?, updated_at = ? WHERE id = 1",
                nextCursor, complete, current.applied() + entries.size(), remaining, baseline, Timestamp.from(now));
        return new FeedState(nextCursor, complete, current.applied() + entries.size(), remaining);
    }

    /**
     * Refuses a page after which fewer than half of the products active when the terminal was last
     * caught up would remain active, unless HQ marked those deactivations intended. Returns the
     * new baseline (intended deactivations lower it).
     */
    private long guard(Connection c, List<FeedEntry> entries, long baseline) throws SQLException, IOException {
        long unintended = 0;
        long intended = 0;
        for (FeedEntry e : entries) {
            if (!"PRODUCT".equals(e.kind())) {
                continue;
            }
            JsonNode d = JSON.readTree(e.dataJson());
            if (d.path("active").asBoolean(true) || !isActive(c, d.path("sku").asText())) {
                continue;
            }
            if (e.intended()) {
                intended++;
            } else {
                unintended++;
            }
        }
        long newBaseline = Math.max(0, baseline - intended);
        if (unintended > 0 && newBaseline >= GUARD_MIN_CATALOG) {
            long activeAfter = activeProducts(c) - intended - unintended;
            if (activeAfter * 2 < newBaseline) {
                throw new MassDeactivationRefusedException("HQ's feed would deactivate " + (newBaseline - activeAfter) + " of "
                        + newBaseline + " products without marking it intended; the catalog was left as it is. Ask HQ to confirm the removal.");
            }
        }
        return newBaseline;
    }

    /** Switches every product whose scheduled price has fallen due at {@code now}; returns how many. */
    public int applyDuePrices() {
        return store.write(ctx -> ctx.session().doReturningWork(c -> {
            Instant now = ctx.now();
            List<String> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sku FROM feed_product WHERE next_price_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                    }
                }
            }
            for (String sku : due) {
                try {
                    materialise(ctx, c, sku, now);
                } catch (IOException e) {
                    throw new StoreException("stored feed product " + sku + " is unreadable", e);
                }
            }
            return due.size();
        }));
    }

    /** The HQ price version behind the product's current till price, if it came from the feed. */
    public Optional<Long> priceVersion(String sku) {
        return store.jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT price_version FROM feed_product WHERE sku = ?")) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        return rs.wasNull() ? Optional.empty() : Optional.of(v);
                    }
                    return Optional.empty();
                }
            }
        });
    }

    private void materialise(WriteContext ctx, Connection c, String sku, Instant now) throws SQLException, IOException {
        String data = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM feed_product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    data = rs.getString(1);
                }
            }
        }
        if (data == null) {
            return; // a price for a product whose PRODUCT change comes later in the feed
        }
        JsonNode d = JSON.readTree(data);
        String taxCode = d.path("taxCode").asText();
        BigDecimal percent = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT percent FROM tax_rate WHERE code = ?")) {
            ps.setString(1, taxCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    percent = rs.getBigDecimal(1);
                }
            }
        }
        if (percent == null) {
            exec(c, "UPDATE feed_product SET pending = TRUE WHERE sku = ?", sku);
            return;
        }
        BigDecimal price = null;
        Long version = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT price, version FROM feed_price WHERE sku = ? AND effective_from <= ? "
                + "ORDER BY effective_from DESC LIMIT 1")) {
            ps.setString(1, sku);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    price = rs.getBigDecimal(1);
                    version = rs.getLong(2);
                }
            }
        }
        Timestamp next = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(effective_from) FROM feed_price WHERE sku = ? AND effective_from > ?")) {
            ps.setString(1, sku);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getTimestamp(1);
            }
        }
        Currency currency = Currency.getInstance(d.path("currency").asText());
        List<String> barcodes = new ArrayList<>();
        d.path("barcodes").forEach(b -> barcodes.add(b.asText()));
        // a product HQ has not priced yet is kept but cannot be sold
        Product product = new Product(new Sku(sku), d.path("name").asText(), d.path("category").asText(),
                new TaxRate(taxCode, percent.stripTrailingZeros()), UnitOfMeasure.valueOf(d.path("unit").asText()),
                Money.of(price == null ? BigDecimal.ZERO : price, currency), d.path("active").asBoolean() && price != null,
                d.path("serialized").asBoolean());
        catalog.upsert(ctx, new CatalogItem(product, barcodes));
        // keep the persistence context small: every later flush of a big page checks each managed entity
        ctx.session().flush();
        Object managed = ctx.session().find(io.branchpos.store.catalog.ProductEntity.class, sku);
        if (managed != null) {
            ctx.session().detach(managed);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_product SET price_version = ?, next_price_at = ?, pending = FALSE WHERE sku = ?")) {
            ps.setObject(1, version);
            ps.setTimestamp(2, next);
            ps.setString(3, sku);
            ps.executeUpdate();
        }
    }

    private static boolean isActive(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active FROM product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long activeProducts(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM product WHERE active")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
