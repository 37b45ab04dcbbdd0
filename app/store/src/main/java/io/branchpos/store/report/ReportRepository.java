package io.branchpos.store.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchpos.store.LocalStore;
import io.branchpos.store.stock.StockRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manager's reports over a range of business days (inclusive), read from the branch database:
 * sales by hour, category, cashier and tender, top products, returns, stock valuation, and the
 * audit trail of voids, no-sales, refunds and approved overrides.
 */
public final class ReportRepository {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;
    private final ZoneId zone;

    public ReportRepository(LocalStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** One bar of a chart: a label, an amount and (where it means something) a quantity. */
    public record Bucket(String label, BigDecimal amount, BigDecimal quantity) {
    }

    /** Gross sales per hour of day (0–23, every hour present). */
    public List<Bucket> salesByHour(LocalDate from, LocalDate to) {
        Map<Integer, BigDecimal> byHour = new TreeMap<>();
        for (int h = 0; h < 24; h++) {
            byHour.put(h, BigDecimal.ZERO);
        }
        Map<Integer, BigDecimal> counts = new TreeMap<>();
        store.read(s -> Sql.query(s, "SELECT completed_at, gross FROM sale WHERE business_day BETWEEN ? AND ?", rs -> {
            int h = Sql.instant(rs, "completed_at").atZone(zone).getHour();
            byHour.merge(h, rs.getBigDecimal("gross"), BigDecimal::add);
            counts.merge(h, BigDecimal.ONE, BigDecimal::add);
            return null;
        }, from, to));
        List<Bucket> out = new ArrayList<>();
        byHour.forEach((h, v) -> out.add(new Bucket(String.format("%02d", h), scale(v),
                counts.getOrDefault(h, BigDecimal.ZERO))));
        return out;
    }

    public List<Bucket> salesByCategory(LocalDate from, LocalDate to) {
        return buckets("SELECT COALESCE(p.category, '?'), SUM(l.gross), SUM(l.quantity) FROM sale_line l"
                + " JOIN sale s ON s.sale_id = l.sale_id LEFT JOIN product p ON p.sku = l.sku"
                + " WHERE s.business_day BETWEEN ? AND ? GROUP BY p.category ORDER BY 2 DESC", from, to);
    }

    public List<Bucket> salesByCashier(LocalDate from, LocalDate to) {
        return buckets("SELECT cashier_id, SUM(gross), COUNT(*) FROM sale WHERE business_day BETWEEN ? AND ?"
                + " GROUP BY cashier_id ORDER BY 2 DESC", from, to);
    }

    /** Taken per tender; cash net of the change given back. */
    public List<Bucket> salesByTender(LocalDate from, LocalDate to) {
        List<Bucket> raw = buckets("SELECT p.tender, SUM(p.amount), COUNT(*) FROM payment p JOIN sale s"
                + " ON s.sale_id = p.sale_id WHERE s.business_day BETWEEN ? AND ? GROUP BY p.tender ORDER BY 1", from, to);
        BigDecimal change = store.read(s -> Sql.query(s, "SELECT COALESCE(SUM(change_given), 0) FROM sale"
                + " WHERE business_day BETWEEN ? AND ?", rs -> rs.getBigDecimal(1), from, to).get(0));
        return raw.stream().map(b -> b.label().equals("CASH")
                ? new Bucket(b.label(), scale(b.amount().subtract(change)), b.quantity()) : b).toList();
    }

    public List<Bucket> topProducts(LocalDate from, LocalDate to, int limit) {
        List<Bucket> all = buckets("SELECT MIN(l.description) || ' (' || l.sku || ')', SUM(l.gross), SUM(l.quantity)"
                + " FROM sale_line l JOIN sale s ON s.sale_id = l.sale_id WHERE s.business_day BETWEEN ? AND ?"
                + " GROUP BY l.sku ORDER BY 2 DESC", from, to);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Returned value and quantity per SKU. */
    public List<Bucket> returns(LocalDate from, LocalDate to) {
        return buckets("SELECT COALESCE(p.name, l.sku) || ' (' || l.sku || ')', SUM(l.gross), SUM(l.quantity)"
                + " FROM refund_line l JOIN refund r ON r.refund_id = l.refund_id LEFT JOIN product p ON p.sku = l.sku"
                + " WHERE r.business_day BETWEEN ? AND ? GROUP BY l.sku, p.name ORDER BY 2 DESC", from, to);
    }

    /**
     * Stock value per category of one category, on hand now: {@code atCost} for SKUs with HQ's cost
     * price, {@code atRetail} for SKUs without one (valued at the till price instead).
     */
    public record ValuationRow(String category, BigDecimal atCost, BigDecimal atRetail, BigDecimal quantity, int skus,
            int skusAtRetail) {
        public BigDecimal total() {
            return atCost.add(atRetail);
        }

        /** The category, marked when part of its value is at retail because the cost price is unknown. */
        public String label() {
            if (skusAtRetail == 0) {
                return category;
            }
            return skusAtRetail == skus ? category + " (at retail: no cost price)"
                    : category + " (" + skusAtRetail + " of " + skus + " SKUs at retail: no cost price)";
        }
    }

    /** Stock value per category, at cost where HQ sent a cost price and at retail otherwise; largest first. */
    public List<ValuationRow> stockValuationDetail() {
        Map<String, BigDecimal> costs = new java.util.HashMap<>();
        store.read(s -> Sql.query(s, "SELECT sku, cost FROM product_cost", rs -> costs.put(rs.getString(1), rs.getBigDecimal(2))));
        Map<String, ValuationRow> byCat = new LinkedHashMap<>();
        for (StockRepository.OnHandRow r : new StockRepository(store).onHandList()) {
            if (r.onHand().signum() <= 0) {
                continue;
            }
            BigDecimal cost = costs.get(r.sku());
            ValuationRow v = byCat.getOrDefault(r.category(), new ValuationRow(r.category(), BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, 0, 0));
            byCat.put(r.category(), cost != null
                    ? new ValuationRow(v.category(), v.atCost().add(r.onHand().multiply(cost)), v.atRetail(),
                            v.quantity().add(r.onHand()), v.skus() + 1, v.skusAtRetail())
                    : new ValuationRow(v.category(), v.atCost(), v.atRetail().add(r.onHand().multiply(r.price())),
                            v.quantity().add(r.onHand()), v.skus() + 1, v.skusAtRetail() + 1));
        }
        List<ValuationRow> out = new ArrayList<>();
        byCat.values().forEach(v -> out.add(new ValuationRow(v.category(), scale(v.atCost()), scale(v.atRetail()), v.quantity(),
                v.skus(), v.skusAtRetail())));
        out.sort((a, b) -> b.total().compareTo(a.total()));
        return out;
    }

    /**
     * Stock value per category on hand now, at cost; SKUs without a cost price are valued at retail
     * and their category's label says so ({@link ValuationRow#label()}).
     */
    public List<Bucket> stockValuation() {
        return stockValuationDetail().stream().map(v -> new Bucket(v.label(), v.total(), v.quantity())).toList();
    }

    private List<Bucket> buckets(String sql, Object... params) {
        return store.read(s -> Sql.query(s, sql, rs -> new Bucket(rs.getString(1), scale(rs.getBigDecimal(2)),
                rs.getBigDecimal(3).stripTrailingZeros()), params));
    }

    private static BigDecimal scale(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    /** One line of the audit view. */
    public record AuditRow(Instant at, LocalDate businessDay, String type, String user, String detail, long seq) {
    }

    /** Voids, no-sales, refunds, pay-outs and sales with an approved override, newest first. */
    public List<AuditRow> audit(LocalDate from, LocalDate to) {
        return store.read(s -> Sql.query(s, "SELECT seq, type, business_day, occurred_at, payload FROM journal_event"
                + " WHERE business_day BETWEEN ? AND ? AND type IN ('SALE_VOIDED', 'NO_SALE', 'REFUND_COMPLETED',"
                + " 'SALE_COMPLETED', 'CASH_MOVEMENT') ORDER BY seq DESC", rs -> {
                    JsonNode p = parse(rs.getString("payload"));
                    String type = rs.getString("type");
                    String user;
                    String detail;
                    switch (type) {
                        case "SALE_COMPLETED" -> {
                            JsonNode a = p.path("approvals");
                            if (!a.isArray() || a.isEmpty()) {
                                return null;
                            }
                            user = a.get(0).path("approvedBy").asText("");
                            detail = p.path("receiptNumber").asText() + ": " + a.get(0).path("action").asText() + " — "
                                    + a.get(0).path("reason").asText("");
                        }
                        case "REFUND_COMPLETED" -> {
                            user = p.path("cashierId").asText("") + (p.path("approvedBy").isTextual()
                                    ? " / " + p.path("approvedBy").asText() : "");
                            detail = p.path("originalReceiptNumber").asText("(no receipt)") + ": " + p.path("total").asText()
                                    + " — " + p.path("reason").asText("");
                        }
                        case "CASH_MOVEMENT" -> {
                            if (p.path("kind").asText().equals("DROP")) {
                                return null;
                            }
                            user = p.path("userId").asText("");
                            detail = p.path("kind").asText() + " " + p.path("amount").asText() + " — " + p.path("reason").asText();
                        }
                        case "NO_SALE" -> {
                            user = p.path("userId").asText("");
                            detail = p.path("reason").asText("");
                        }
                        default -> {
                            user = p.path("approvedBy").asText("");
                            detail = p.path("saleId").asText() + " — " + p.path("reason").asText("");
                        }
                    }
                    return new AuditRow(Sql.instant(rs, "occurred_at"), rs.getObject("business_day", LocalDate.class), type,
                            user, detail, rs.getLong("seq"));
                }, from, to).stream().filter(java.util.Objects::nonNull).toList());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
