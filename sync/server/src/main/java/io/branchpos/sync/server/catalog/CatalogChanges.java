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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** Deactivates a product (it stays known for returns). {@code intended}: part of a deliberate bulk removal. */
    public void deactivate(String sku, boolean intended) throws SQLException {
        if (update("update catalog_product set active = false, updated_at = now() where sku = ?", sku) == 0) {
            throw new IllegalArgumentException("no product with SKU " + sku);
        }
        appendProduct(sku, intended);
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
