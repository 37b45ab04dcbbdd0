package io.branchpos.sync.server.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.ProtocolJson;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes to HQ's catalog inside the caller's transaction. Every write also appends the entity's
 * whole new state to {@code feed_change}, in the same transaction, so the feed carries exactly
 * what committed (decision 0250). Not thread-safe: one instance per transaction.
 */
public final class CatalogChanges {

    /**
     * A product as HQ keeps it (prices are separate: {@link #setPrice}). {@code cost} is the optional
     * cost price (stock valuation), null when unknown; a null never clears a cost HQ already has (a
     * re-import of a file without the {@code cost} column keeps the costs).
     */
    public record ProductRow(String sku, String name, String category, String taxCode, String unit, String currency,
                             boolean active, boolean serialized, List<String> barcodes, BigDecimal cost) {
        public ProductRow {
            barcodes = List.copyOf(barcodes);
            if (cost != null && cost.signum() < 0) {
                throw new IllegalArgumentException("a cost price cannot be negative: " + cost.toPlainString());
            }
        }

        /** A product without a cost price. */
        public ProductRow(String sku, String name, String category, String taxCode, String unit, String currency,
                          boolean active, boolean serialized, List<String> barcodes) {
            this(sku, name, category, taxCode, unit, currency, active, serialized, barcodes, null);
        }
    }

    /** A price for {@link #setPrices}: {@code price} for {@code sku} from {@code effectiveFrom} on. */
    public record PriceRow(String sku, BigDecimal price, Instant effectiveFrom) {
    }

    /** Rows per set-wise statement of the bulk methods. */
    static final int CHUNK = 5_000;

    static final Set<String> UNITS = Set.of("PIECE", "KILOGRAM", "LITRE", "METRE");

    private final Connection connection;
    private final String actor;

    /** {@code connection} must not be in auto-commit; {@code actor} is recorded with prices. */
    public CatalogChanges(Connection connection, String actor) {
        this.connection = connection;
        this.actor = actor;
    }

    public void upsertTax(String code, BigDecimal percent, String name) throws SQLException {
        update("insert into catalog_tax (code, percent, name) values (?, ?, ?) "
                + "on conflict (code) do update set percent = excluded.percent, name = excluded.name", code, percent, name);
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.put("code", code).put("percent", percent.toPlainString()).put("name", name);
        append(null, FeedChange.TAX, code, false, data);
    }

    public void upsertProduct(ProductRow p) throws SQLException {
        if (!UNITS.contains(p.unit())) {
            throw new IllegalArgumentException("unit must be one of " + UNITS + ", not " + p.unit());
        }
        update("insert into catalog_product (sku, name, category, tax_code, unit, currency, active, serialized, cost) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (sku) do update set name = excluded.name, "
                        + "category = excluded.category, tax_code = excluded.tax_code, unit = excluded.unit, "
                        + "currency = excluded.currency, active = excluded.active, serialized = excluded.serialized, "
                        + "cost = coalesce(excluded.cost, catalog_product.cost), updated_at = now()",
                p.sku(), p.name(), p.category(), p.taxCode(), p.unit(), p.currency().toUpperCase(Locale.ROOT), p.active(),
                p.serialized(), p.cost());
        update("delete from catalog_barcode where sku = ?", p.sku());
        for (String code : p.barcodes()) {
            // a barcode moves to its new product (the old product's feed entry is re-sent below)
            String previous = single("select sku from catalog_barcode where code = ?", code);
            update("insert into catalog_barcode (code, sku) values (?, ?) on conflict (code) do update set sku = excluded.sku",
                    code, p.sku());
            if (previous != null && !previous.equals(p.sku())) {
                appendProduct(previous, false);
            }
        }
        appendProduct(p.sku(), false);
    }

    /**
     * {@link #upsertProduct} for many products at once, with a few set-wise statements per
     * {@value #CHUNK} products instead of several per product (bulk imports, decision 0255). Same
     * result and feed entries as calling {@link #upsertProduct} for each in order: a SKU given
     * twice keeps its last row, a barcode given twice goes to the last product naming it, and a
     * product that loses a barcode to one of these is re-sent to the feed.
     */
    public void upsertProducts(List<ProductRow> rows) throws SQLException {
        Map<String, ProductRow> bySku = new LinkedHashMap<>();
        for (ProductRow p : rows) {
            if (!UNITS.contains(p.unit())) {
                throw new IllegalArgumentException("unit must be one of " + UNITS + ", not " + p.unit() + " (SKU " + p.sku() + ")");
            }
            bySku.remove(p.sku());
            bySku.put(p.sku(), p);
        }
        List<ProductRow> all = new ArrayList<>(bySku.values());
        for (int from = 0; from < all.size(); from += CHUNK) {
            upsertChunk(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
    }

    private void upsertChunk(List<ProductRow> rows) throws SQLException {
        int n = rows.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] categories = new String[n];
        String[] taxes = new String[n];
        String[] units = new String[n];
        String[] currencies = new String[n];
        Boolean[] active = new Boolean[n];
        Boolean[] serialized = new Boolean[n];
        BigDecimal[] costs = new BigDecimal[n];
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ProductRow p = rows.get(i);
            skus[i] = p.sku();
            names[i] = p.name();
            categories[i] = p.category();
            taxes[i] = p.taxCode();
            units[i] = p.unit();
            currencies[i] = p.currency().toUpperCase(Locale.ROOT);
            active[i] = p.active();
            serialized[i] = p.serialized();
            costs[i] = p.cost();
            for (String code : p.barcodes()) {
                codes.remove(code);
                codes.put(code, p.sku());
            }
        }
        // a null cost never clears a cost HQ already has (as upsertProduct)
        update("insert into catalog_product (sku, name, category, tax_code, unit, currency, active, serialized, cost) "
                        + "select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], "
                        + "?::boolean[], ?::numeric[]) on conflict (sku) do update set name = excluded.name, category = excluded.category, "
                        + "tax_code = excluded.tax_code, unit = excluded.unit, currency = excluded.currency, active = excluded.active, "
                        + "serialized = excluded.serialized, cost = coalesce(excluded.cost, catalog_product.cost), updated_at = now()",
                array("text", skus), array("text", names), array("text", categories), array("text", taxes), array("text", units),
                array("text", currencies), array("boolean", active), array("boolean", serialized), array("numeric", costs));
        update("delete from catalog_barcode where sku = any(?::text[])", array("text", skus));
        String[] codeArray = codes.keySet().toArray(new String[0]);
        String[] ownerArray = codes.values().toArray(new String[0]);
        // products outside this chunk that lose a barcode to it: re-sent after their barcode moved
        Set<String> losers = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("select code, sku from catalog_barcode where code = any(?::text[])")) {
            ps.setArray(1, array("text", codeArray));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(2).equals(codes.get(rs.getString(1)))) {
                        losers.add(rs.getString(2));
                    }
                }
            }
        }
        update("insert into catalog_barcode (code, sku) select * from unnest(?::text[], ?::text[]) "
                + "on conflict (code) do update set sku = excluded.sku", array("text", codeArray), array("text", ownerArray));
        List<String> changed = new ArrayList<>(losers);
        changed.addAll(List.of(skus));
        appendProducts(changed);
    }

    /** Appends each product's whole current state (with its barcodes) to the feed, in the given order. */
    private void appendProducts(List<String> skus) throws SQLException {
        Map<String, ObjectNode> states = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select p.sku, p.name, p.category, p.tax_code, p.unit, p.currency, "
                + "p.active, p.serialized, array(select b.code from catalog_barcode b where b.sku = p.sku order by b.code), p.cost "
                + "from catalog_product p where p.sku = any(?::text[])")) {
            ps.setArray(1, array("text", skus.toArray(new String[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode data = ProtocolJson.mapper().createObjectNode();
                    data.put("sku", rs.getString(1)).put("name", rs.getString(2)).put("category", rs.getString(3))
                            .put("taxCode", rs.getString(4)).put("unit", rs.getString(5)).put("currency", rs.getString(6))
                            .put("active", rs.getBoolean(7)).put("serialized", rs.getBoolean(8));
                    BigDecimal cost = rs.getBigDecimal(10);
                    if (cost != null) {
                        // optional; readers that do not know it ignore it (docs/feed.md)
                        data.put("cost", cost.stripTrailingZeros().toPlainString());
                    }
                    ArrayNode codes = data.putArray("barcodes");
                    for (String code : (String[]) rs.getArray(9).getArray()) {
                        codes.add(code);
                    }
                    states.put(rs.getString(1), data);
                }
            }
        }
        List<String> kinds = new ArrayList<>(skus.size());
        List<String> keys = new ArrayList<>(skus.size());
        List<String> data = new ArrayList<>(skus.size());
        for (String sku : skus) {
            kinds.add(FeedChange.PRODUCT);
            keys.add(sku);
            data.add(ProtocolJson.writeString(states.get(sku)));
        }
        appendAll(kinds, keys, data);
    }

    /**
     * {@link #setPrice} for many prices at once, set-wise (bulk imports, decision 0255). Returns
     * the price versions in the order of {@code rows}. Every SKU must exist.
     */
    public List<Long> setPrices(List<PriceRow> rows) throws SQLException {
        List<Long> versions = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            versions.addAll(setPriceChunk(rows.subList(from, Math.min(rows.size(), from + CHUNK))));
        }
        return versions;
    }

    private List<Long> setPriceChunk(List<PriceRow> rows) throws SQLException {
        Map<String, PriceRow> byKey = new LinkedHashMap<>();
        Set<String> skus = new LinkedHashSet<>();
        for (PriceRow given : rows) {
            // PostgreSQL keeps microseconds: key, write and announce the instant at that precision
            PriceRow r = new PriceRow(given.sku(), given.price(), given.effectiveFrom().truncatedTo(ChronoUnit.MICROS));
            if (r.price().signum() < 0) {
                throw new IllegalArgumentException("a price cannot be negative: " + r.price().toPlainString() + " (SKU " + r.sku() + ")");
            }
            String key = r.sku() + "@" + r.effectiveFrom();
            byKey.remove(key);
            byKey.put(key, r);
            skus.add(r.sku());
        }
        try (PreparedStatement ps = connection.prepareStatement("select sku from catalog_product where sku = any(?::text[])")) {
            ps.setArray(1, array("text", skus.toArray(new String[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    skus.remove(rs.getString(1));
                }
            }
        }
        if (!skus.isEmpty()) {
            throw new IllegalArgumentException("no product with SKU " + skus.iterator().next());
        }
        List<PriceRow> unique = new ArrayList<>(byKey.values());
        int n = unique.size();
        String[] s = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Timestamp[] from = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            s[i] = unique.get(i).sku();
            prices[i] = unique.get(i).price();
            from[i] = Timestamp.from(unique.get(i).effectiveFrom());
        }
        Map<String, Long> versionByKey = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("insert into catalog_price (sku, price, effective_from, created_by) "
                + "select t.sku, t.price, t.effective_from, ? from unnest(?::text[], ?::numeric[], ?::timestamptz[]) "
                + "as t(sku, price, effective_from) on conflict (sku, effective_from) do update set price = excluded.price, "
                + "created_by = excluded.created_by, created_at = now() returning sku, effective_from, price_id")) {
            ps.setString(1, actor);
            ps.setArray(2, array("text", s));
            ps.setArray(3, array("numeric", prices));
            ps.setArray(4, array("timestamptz", from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versionByKey.put(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant(), rs.getLong(3));
                }
            }
        }
        List<String> kinds = new ArrayList<>(n);
        List<String> keys = new ArrayList<>(n);
        List<String> data = new ArrayList<>(n);
        for (PriceRow r : unique) {
            String key = r.sku() + "@" + r.effectiveFrom();
            ObjectNode d = ProtocolJson.mapper().createObjectNode();
            d.put("sku", r.sku()).put("price", r.price().toPlainString()).put("effectiveFrom", r.effectiveFrom().toString())
                    .put("version", versionByKey.get(key));
            kinds.add(FeedChange.PRICE);
            keys.add(key);
            data.add(ProtocolJson.writeString(d));
        }
        appendAll(kinds, keys, data);
        List<Long> out = new ArrayList<>(rows.size());
        for (PriceRow r : rows) {
            out.add(versionByKey.get(r.sku() + "@" + r.effectiveFrom().truncatedTo(ChronoUnit.MICROS)));
        }
        return out;
    }

    /** Appends changes for every branch (not intended), in list order, with one statement. */
    private void appendAll(List<String> kinds, List<String> keys, List<String> data) throws SQLException {
        if (kinds.isEmpty()) {
            return;
        }
        // with ordinality: change_id follows the list order
        update("insert into feed_change (kind, entity_key, intended, data) "
                        + "select t.kind, t.entity_key, false, t.data from unnest(?::text[], ?::text[], ?::text[]) "
                        + "with ordinality as t(kind, entity_key, data, ord) order by t.ord",
                array("text", kinds.toArray(new String[0])), array("text", keys.toArray(new String[0])),
                array("text", data.toArray(new String[0])));
    }

    private java.sql.Array array(String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /** Deactivates a product (it stays known for returns). {@code intended}: part of a deliberate bulk removal. */
    public void deactivate(String sku, boolean intended) throws SQLException {
        if (update("update catalog_product set active = false, updated_at = now() where sku = ?", sku) == 0) {
            throw new IllegalArgumentException("no product with SKU " + sku);
        }
        appendProduct(sku, intended);
    }

    /**
     * Confirms a mass removal after the fact: marks every deactivation HQ put into the feed since
     * {@code since} without the intended mark as intended, so terminals that refused those pages
     * (mass-deactivation guard, decision 0251) take them at their next pull. The changes keep their
     * place in the feed; only the mark changes (decision 0256). Returns how many were marked.
     */
    public int markDeactivationsIntended(Instant since) throws SQLException {
        return update("update feed_change set intended = true where kind = ? and not intended and created_at >= ? "
                + "and (data::jsonb ->> 'active') = 'false'", FeedChange.PRODUCT, Timestamp.from(since));
    }

    /** Schedules {@code price} for {@code sku} from {@code effectiveFrom} on; returns the price version. */
    public long setPrice(String sku, BigDecimal price, Instant effectiveFrom) throws SQLException {
        if (price.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative: " + price.toPlainString());
        }
        if (single("select sku from catalog_product where sku = ?", sku) == null) {
            throw new IllegalArgumentException("no product with SKU " + sku);
        }
        long version;
        try (PreparedStatement ps = connection.prepareStatement("insert into catalog_price (sku, price, effective_from, created_by) "
                + "values (?, ?, ?, ?) on conflict (sku, effective_from) do update set price = excluded.price, "
                + "created_by = excluded.created_by, created_at = now() returning price_id")) {
            bind(ps, sku, price, Timestamp.from(effectiveFrom), actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.put("sku", sku).put("price", price.toPlainString()).put("effectiveFrom", effectiveFrom.toString())
                .put("version", version);
        append(null, FeedChange.PRICE, sku + "@" + effectiveFrom, false, data);
        return version;
    }

    /** Creates or replaces a till user of one branch; only the PIN hash travels. */
    public void upsertUser(String branchId, String userId, String code, String name, String role, String pinHash,
                           boolean active) throws SQLException {
        update("insert into branch_user (branch_id, user_id, code, name, role, pin_hash, active) values (?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (branch_id, user_id) do update set code = excluded.code, name = excluded.name, "
                + "role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active",
                branchId, userId, code, name, role, pinHash, active);
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.put("userId", userId).put("code", code).put("name", name).put("role", role).put("pinHash", pinHash)
                .put("active", active);
        append(branchId, FeedChange.USER, userId, false, data);
    }

    /** Promotions written in this same transaction (they reach the feed with everything else). */
    public PromotionChanges promotions() {
        return new PromotionChanges(connection, actor);
    }

    private void appendProduct(String sku, boolean intended) throws SQLException {
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        try (PreparedStatement ps = connection.prepareStatement("select sku, name, category, tax_code, unit, currency, active, "
                + "serialized, cost from catalog_product where sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                data.put("sku", rs.getString(1)).put("name", rs.getString(2)).put("category", rs.getString(3))
                        .put("taxCode", rs.getString(4)).put("unit", rs.getString(5)).put("currency", rs.getString(6))
                        .put("active", rs.getBoolean(7)).put("serialized", rs.getBoolean(8));
                BigDecimal cost = rs.getBigDecimal(9);
                if (cost != null) {
                    // optional; readers that do not know it ignore it (docs/feed.md)
                    data.put("cost", cost.stripTrailingZeros().toPlainString());
                }
            }
        }
        ArrayNode codes = data.putArray("barcodes");
        for (String code : list("select code from catalog_barcode where sku = ? order by code", sku)) {
            codes.add(code);
        }
        append(null, FeedChange.PRODUCT, sku, intended, data);
    }

    private void append(String branchId, String kind, String key, boolean intended, ObjectNode data) throws SQLException {
        update("insert into feed_change (branch_id, kind, entity_key, intended, data) values (?, ?, ?, ?, ?)",
                branchId, kind, key, intended, ProtocolJson.writeString(data));
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private String single(String sql, Object... args) throws SQLException {
        List<String> rows = list(sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<String> list(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
