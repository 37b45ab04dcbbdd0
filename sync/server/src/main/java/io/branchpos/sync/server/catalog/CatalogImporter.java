package io.branchpos.sync.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.server.catalog.CatalogChanges.ProductRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Imports taxes, products, barcodes and prices from CSV or JSON into HQ's catalog in ONE
 * transaction: every row is checked first, and a file with any bad row changes nothing. A dry run
 * checks the same way (and also runs the writes, then rolls them back) and reports per line.
 *
 * <p>CSV (header required, comma-separated, RFC 4180 quotes): products
 * {@code sku,name,category,tax_code,unit,currency,price[,cost][,barcodes][,active][,effective_from]} with
 * barcodes separated by {@code ;}; taxes {@code code,percent,name}. JSON:
 * {@code {"taxes":[{"code","percent","name"}], "products":[{"sku","name","category","taxCode","unit",
 * "currency","price","cost","barcodes":[],"active","effectiveFrom"}]}}. {@code cost} (optional) is
 * the cost price for stock valuation, travelling in the PRODUCT feed data.
 */
public final class CatalogImporter {

    /** One problem, by line (CSV) or 1-based item number (JSON). */
    public record Problem(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    /** What an import did or would do. */
    public record Report(boolean dryRun, boolean committed, int taxes, int products, int prices, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    record TaxRow(String where, String code, BigDecimal percent, String name) {
    }

    record Item(String where, ProductRow product, BigDecimal price, Instant effectiveFrom) {
    }

    private final DataSource dataSource;
    private final Instant now;

    public CatalogImporter(DataSource dataSource, Instant now) {
        this.dataSource = dataSource;
        this.now = now;
    }

    public Report importFile(Path file, boolean dryRun, String actor) throws IOException, SQLException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<TaxRow> taxes = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (name.endsWith(".json")) {
            parseJson(text, taxes, items, problems);
        } else if (name.endsWith(".csv")) {
            parseCsv(text, taxes, items, problems);
        } else {
            throw new IllegalArgumentException("the file must end in .csv or .json: " + file);
        }
        return run(taxes, items, problems, dryRun, actor);
    }

    Report run(List<TaxRow> taxes, List<Item> items, List<Problem> problems, boolean dryRun, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            crossCheck(c, taxes, items, problems);
            if (!problems.isEmpty() && !dryRun) {
                return new Report(false, false, taxes.size(), items.size(), 0, List.copyOf(problems));
            }
            c.setAutoCommit(false);
            int prices = 0;
            try {
                CatalogChanges changes = new CatalogChanges(c, actor);
                for (TaxRow t : taxes) {
                    changes.upsertTax(t.code(), t.percent(), t.name());
                }
                boolean bulkDone = false;
                if (problems.isEmpty()) {
                    // the usual case, a clean file: set-wise (decision 0255); if the database refuses
                    // anything, back to row by row so that every refused row is reported by line
                    java.sql.Savepoint bulk = c.setSavepoint();
                    try {
                        prices = writeInBulk(c, changes, items);
                        c.releaseSavepoint(bulk);
                        bulkDone = true;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(bulk);
                        prices = 0;
                    }
                }
                Set<String> alreadyBad = new HashSet<>();
                problems.forEach(pr -> alreadyBad.add(pr.where()));
                for (Item item : bulkDone ? List.<Item>of() : items) {
                    if (alreadyBad.contains(item.where())) {
                        continue;
                    }
                    try (var sp = new Savepoint(c)) {
                        changes.upsertProduct(item.product());
                        if (item.price() != null && !samePriceInEffect(c, item)) {
                            changes.setPrice(item.product().sku(), item.price(), item.effectiveFrom() == null ? now : item.effectiveFrom());
                            prices++;
                        }
                        sp.release();
                    } catch (SQLException | RuntimeException e) {
                        problems.add(new Problem(item.where(), "refused by the database: " + e.getMessage()));
                    }
                }
                if (dryRun || !problems.isEmpty()) {
                    c.rollback();
                    return new Report(dryRun, false, taxes.size(), items.size(), prices, List.copyOf(problems));
                }
                try (var st = c.createStatement()) {
                    st.execute("select pg_notify('catalog_feed', pg_current_xact_id()::text)");
                }
                c.commit();
                return new Report(false, true, taxes.size(), items.size(), prices, List.of());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A savepoint per row, so a dry run can report every row the database refuses, not just the first. */
    private static final class Savepoint implements AutoCloseable {
        private final Connection c;
        private final java.sql.Savepoint sp;
        private boolean released;

        Savepoint(Connection c) throws SQLException {
            this.c = c;
            this.sp = c.setSavepoint();
        }

        void release() throws SQLException {
            c.releaseSavepoint(sp);
            released = true;
        }

        @Override
        public void close() throws SQLException {
            if (!released) {
                c.rollback(sp);
            }
        }
    }

    /** All products, then the prices that differ from the one in effect at their instant; returns how many prices. */
    private int writeInBulk(Connection c, CatalogChanges changes, List<Item> items) throws SQLException {
        List<ProductRow> products = new ArrayList<>(items.size());
        List<Item> priced = new ArrayList<>();
        for (Item item : items) {
            products.add(item.product());
            if (item.price() != null) {
                priced.add(item);
            }
        }
        changes.upsertProducts(products);
        Map<String, BigDecimal> inEffect = new HashMap<>();
        String[] skus = new String[priced.size()];
        java.sql.Timestamp[] at = new java.sql.Timestamp[priced.size()];
        for (int i = 0; i < priced.size(); i++) {
            Item item = priced.get(i);
            skus[i] = item.product().sku();
            // PostgreSQL keeps microseconds: compare (and write) at that precision
            at[i] = java.sql.Timestamp.from((item.effectiveFrom() == null ? now : item.effectiveFrom())
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
        try (PreparedStatement ps = c.prepareStatement("select distinct on (t.sku, t.at) t.sku, t.at, p.price "
                + "from unnest(?::text[], ?::timestamptz[]) as t(sku, at) join catalog_price p on p.sku = t.sku "
                + "and p.effective_from <= t.at order by t.sku, t.at, p.effective_from desc")) {
            ps.setArray(1, c.createArrayOf("text", skus));
            ps.setArray(2, c.createArrayOf("timestamptz", at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inEffect.put(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3));
                }
            }
        }
        List<CatalogChanges.PriceRow> rows = new ArrayList<>();
        for (int i = 0; i < priced.size(); i++) {
            Item item = priced.get(i);
            BigDecimal current = inEffect.get(skus[i] + "@" + at[i].toInstant());
            if (current == null || current.compareTo(item.price()) != 0) {
                rows.add(new CatalogChanges.PriceRow(skus[i], item.price(), at[i].toInstant()));
            }
        }
        changes.setPrices(rows);
        return rows.size();
    }

    private boolean samePriceInEffect(Connection c, Item item) throws SQLException {
        Instant at = item.effectiveFrom() == null ? now : item.effectiveFrom();
        try (PreparedStatement ps = c.prepareStatement("select price from catalog_price where sku = ? and effective_from <= ? "
                + "order by effective_from desc limit 1")) {
            ps.setString(1, item.product().sku());
            ps.setTimestamp(2, java.sql.Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBigDecimal(1).compareTo(item.price()) == 0;
            }
        }
    }

    private static void crossCheck(Connection c, List<TaxRow> taxes, List<Item> items, List<Problem> problems) throws SQLException {
        Set<String> taxCodes = new HashSet<>();
        for (TaxRow t : taxes) {
            if (!taxCodes.add(t.code())) {
                problems.add(new Problem(t.where(), "tax code " + t.code() + " appears twice in the file"));
            }
        }
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("select code from catalog_tax")) {
            while (rs.next()) {
                taxCodes.add(rs.getString(1));
            }
        }
        Map<String, String> skus = new HashMap<>();
        Map<String, String> barcodes = new HashMap<>();
        for (Item item : items) {
            ProductRow p = item.product();
            if (skus.put(p.sku(), item.where()) != null) {
                problems.add(new Problem(item.where(), "SKU " + p.sku() + " appears twice in the file (also " + skus.get(p.sku()) + ")"));
            }
            if (!taxCodes.contains(p.taxCode())) {
                problems.add(new Problem(item.where(), "unknown tax code " + p.taxCode() + " (import it in the taxes section or first)"));
            }
            for (String b : p.barcodes()) {
                String other = barcodes.putIfAbsent(b, item.where());
                if (other != null) {
                    problems.add(new Problem(item.where(), "barcode " + b + " is also given at " + other));
                }
            }
        }
    }

    // ---- parsing -------------------------------------------------------------------------------

    static void parseJson(String text, List<TaxRow> taxes, List<Item> items, List<Problem> problems) {
        JsonNode root;
        try {
            root = ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            problems.add(new Problem("file", "not valid JSON: " + e.getMessage()));
            return;
        }
        int i = 0;
        for (JsonNode t : root.path("taxes")) {
            i++;
            Map<String, String> f = new LinkedHashMap<>();
            f.put("code", text(t, "code"));
            f.put("percent", text(t, "percent"));
            f.put("name", text(t, "name"));
            tax("taxes[" + i + "]", f, taxes, problems);
        }
        i = 0;
        for (JsonNode p : root.path("products")) {
            i++;
            Map<String, String> f = new LinkedHashMap<>();
            for (String k : List.of("sku", "name", "category", "taxCode", "unit", "currency", "price", "cost", "active", "effectiveFrom")) {
                f.put(k, text(p, k));
            }
            List<String> codes = new ArrayList<>();
            p.path("barcodes").forEach(b -> codes.add(b.asText()));
            product("products[" + i + "]", f, codes, items, problems);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static void parseCsv(String text, List<TaxRow> taxes, List<Item> items, List<Problem> problems) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            problems.add(new Problem("line 1", "empty file"));
            return;
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        boolean taxFile = header.contains("percent");
        for (String required : taxFile ? List.of("code", "percent", "name")
                : List.of("sku", "name", "category", "tax_code", "unit", "currency", "price")) {
            if (!header.contains(required)) {
                problems.add(new Problem("line 1", "missing column " + required + " (header: " + String.join(",", header) + ")"));
                return;
            }
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String where = "line " + (r + 1);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                problems.add(new Problem(where, "has " + row.size() + " fields, the header has " + header.size()));
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                f.put(header.get(i), row.get(i).trim());
            }
            if (taxFile) {
                tax(where, f, taxes, problems);
            } else {
                Map<String, String> g = new LinkedHashMap<>(f);
                g.put("taxCode", f.get("tax_code"));
                g.put("effectiveFrom", f.get("effective_from"));
                String codes = f.getOrDefault("barcodes", "");
                List<String> list = codes.isBlank() ? List.of() : List.of(codes.split(";"));
                product(where, g, list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(), items, problems);
            }
        }
    }

    private static void tax(String where, Map<String, String> f, List<TaxRow> taxes, List<Problem> problems) {
        List<String> errors = new ArrayList<>();
        String code = required(f, "code", errors);
        String name = required(f, "name", errors);
        BigDecimal percent = decimal(f.get("percent"), "percent", errors);
        if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0)) {
            errors.add("percent must be from 0 to below 100, not " + percent.toPlainString());
        }
        if (errors.isEmpty()) {
            taxes.add(new TaxRow(where, code, percent, name));
        } else {
            errors.forEach(e -> problems.add(new Problem(where, e)));
        }
    }

    private static void product(String where, Map<String, String> f, List<String> barcodes, List<Item> items, List<Problem> problems) {
        List<String> errors = new ArrayList<>();
        String sku = required(f, "sku", errors);
        if (sku != null && (sku.length() > 32)) {
            errors.add("SKU longer than 32 characters: " + sku);
        }
        String name = required(f, "name", errors);
        if (name != null && name.length() > 200) {
            errors.add("name longer than 200 characters");
        }
        String category = required(f, "category", errors);
        String taxCode = required(f, "taxCode", errors);
        String unit = required(f, "unit", errors);
        if (unit != null && !CatalogChanges.UNITS.contains(unit.toUpperCase(Locale.ROOT))) {
            errors.add("unit must be one of " + CatalogChanges.UNITS + ", not " + unit);
        }
        String currencyCode = required(f, "currency", errors);
        Currency currency = null;
        if (currencyCode != null) {
            try {
                currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("unknown currency " + currencyCode);
            }
        }
        BigDecimal price = null;
        String priceText = f.get("price");
        if (priceText != null && !priceText.isBlank()) {
            price = decimal(priceText, "price", errors);
            if (price != null && price.signum() < 0) {
                errors.add("price cannot be negative: " + priceText);
            }
            if (price != null && currency != null && price.stripTrailingZeros().scale() > Math.max(0, currency.getDefaultFractionDigits())) {
                errors.add("price " + priceText + " has more decimals than " + currency.getCurrencyCode() + " allows");
            }
        }
        BigDecimal cost = null;
        String costText = f.get("cost");
        if (costText != null && !costText.isBlank()) {
            cost = decimal(costText, "cost", errors);
            if (cost != null && cost.signum() < 0) {
                errors.add("cost cannot be negative: " + costText);
                cost = null;
            }
            if (cost != null && cost.stripTrailingZeros().scale() > 4) {
                errors.add("cost " + costText + " has more than 4 decimals");
            }
        }
        boolean active = true;
        String activeText = f.get("active");
        if (activeText != null && !activeText.isBlank()) {
            if (!activeText.equalsIgnoreCase("true") && !activeText.equalsIgnoreCase("false")) {
                errors.add("active must be true or false, not " + activeText);
            }
            active = Boolean.parseBoolean(activeText);
        }
        Instant from = null;
        String fromText = f.get("effectiveFrom");
        if (fromText != null && !fromText.isBlank()) {
            try {
                from = Instant.parse(fromText);
            } catch (DateTimeParseException e) {
                errors.add("effective_from must be an ISO instant like 2026-12-01T06:00:00Z, not " + fromText);
            }
        }
        for (String b : barcodes) {
            if (b.length() > 48 || !b.chars().allMatch(ch -> ch > ' ' && ch < 127)) {
                errors.add("barcode is not 1-48 printable characters: " + b);
            }
        }
        if (errors.isEmpty()) {
            items.add(new Item(where, new ProductRow(sku, name, category, taxCode, unit.toUpperCase(Locale.ROOT),
                    currency.getCurrencyCode(), active, false, barcodes, cost), price, from));
        } else {
            errors.forEach(e -> problems.add(new Problem(where, e)));
        }
    }

    private static String required(Map<String, String> f, String field, List<String> errors) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            errors.add(field + " is missing");
            return null;
        }
        return v.trim();
    }

    private static BigDecimal decimal(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            errors.add(field + " is missing");
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            errors.add(field + " is not a number: " + text);
            return null;
        }
    }

    /** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            for (; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
