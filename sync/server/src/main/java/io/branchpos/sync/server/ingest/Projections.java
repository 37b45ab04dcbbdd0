package io.branchpos.sync.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.EventTypes;
import io.branchpos.sync.protocol.PayloadValidator;
import io.branchpos.sync.protocol.WireEvent;
import io.branchpos.sync.server.stock.StockRouting;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read models derived from applied events, written in the ingest transaction: sales ledger, refunds
 * per original line (over-refunds flagged), stock movements and on-hand, cash movements, day closes.
 * Business keys use ON CONFLICT DO NOTHING and a flag, never an exception, so a bad event cannot
 * wedge the stream.
 */
final class Projections {

    private Projections() {
    }

    /**
     * Applies one event. Stock changes are only collected into {@code stockDeltas} (SKU → signed
     * quantity) and written by {@link #flushStock} at the end of the batch, in SKU order: concurrent
     * batches of one branch then lock stock rows in the same order and cannot deadlock.
     */
    static void apply(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p,
                      Map<String, BigDecimal> stockDeltas) throws SQLException {
        StockCollector stock = new StockCollector(stockDeltas);
        switch (e.type()) {
            case EventTypes.SALE_COMPLETED -> sale(c, branchId, terminalId, e, p, stock);
            case EventTypes.REFUND_COMPLETED -> refund(c, branchId, terminalId, e, p, stock);
            case EventTypes.STOCK_MOVEMENT -> {
                stock.move(c, e, 0, branchId, p.get("sku").asText(), PayloadValidator.decimal(p.get("quantity")), p.get("kind").asText());
                StockRouting.onStockMovement(c, branchId, terminalId, e, p);
            }
            case EventTypes.CASH_MOVEMENT -> cash(c, branchId, terminalId, e, p);
            case EventTypes.DAY_CLOSED -> dayClose(c, branchId, terminalId, e, p);
            default -> {
                // kept in the event table; no read model yet
            }
        }
    }

    private static void sale(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p, StockCollector stock)
            throws SQLException {
        String saleId = p.get("saleId").asText();
        lockSale(c, saleId);
        int inserted = update(c, "insert into sale (sale_id, event_id, terminal_id, branch_id, business_day, receipt_number, currency, gross, occurred_at) "
                        + "values (?, ?::uuid, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                saleId, e.eventId(), terminalId, branchId, e.businessDay(), p.get("receiptNumber").asText(),
                p.get("currency").asText(), PayloadValidator.decimal(p.get("totals").get("gross")), Timestamp.from(e.occurredAt()));
        if (inserted == 0) {
            flag(c, terminalId, branchId, "DUPLICATE_SALE_ID", e.eventId(), "sale " + saleId + " was already recorded by another event");
            return;
        }
        int idx = 0;
        for (JsonNode line : p.get("lines")) {
            int lineNo = line.get("lineNo").asInt();
            BigDecimal qty = PayloadValidator.decimal(line.get("quantity"));
            int lineInserted = update(c, "insert into sale_line (sale_id, line_no, sku, quantity, gross) values (?, ?, ?, ?, ?) on conflict do nothing",
                    saleId, lineNo, line.get("sku").asText(), qty, PayloadValidator.decimal(line.get("gross")));
            if (lineInserted == 0) {
                flag(c, terminalId, branchId, "DUPLICATE_LINE_NO", e.eventId(), "sale " + saleId + " has line " + lineNo + " twice");
            }
            stock.move(c, e, idx++, branchId, line.get("sku").asText(), qty.negate(), "SALE");
        }
        // refunds of this sale may have arrived first (another terminal synced earlier)
        checkOverRefund(c, branchId, terminalId, e.eventId(), saleId);
    }

    private static void refund(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p, StockCollector stock)
            throws SQLException {
        String refundId = p.get("refundId").asText();
        String originalSaleId = p.hasNonNull("originalSaleId") ? p.get("originalSaleId").asText() : null;
        if (originalSaleId != null) {
            lockSale(c, originalSaleId);
        }
        int inserted = update(c, "insert into refund (refund_id, event_id, terminal_id, branch_id, original_sale_id, total) "
                        + "values (?, ?::uuid, ?, ?, ?, ?) on conflict do nothing",
                refundId, e.eventId(), terminalId, branchId, originalSaleId, PayloadValidator.decimal(p.get("total")));
        if (inserted == 0) {
            flag(c, terminalId, branchId, "DUPLICATE_REFUND_ID", e.eventId(), "refund " + refundId + " was already recorded by another event");
            return;
        }
        int idx = 0;
        for (JsonNode line : p.get("lines")) {
            BigDecimal qty = PayloadValidator.decimal(line.get("quantity"));
            Integer originalLineNo = line.hasNonNull("originalLineNo") ? line.get("originalLineNo").asInt() : null;
            update(c, "insert into refund_line (refund_id, idx, original_sale_id, original_line_no, sku, quantity, gross) values (?, ?, ?, ?, ?, ?, ?)",
                    refundId, idx, originalSaleId, originalLineNo, line.get("sku").asText(), qty, PayloadValidator.decimal(line.get("gross")));
            stock.move(c, e, idx, branchId, line.get("sku").asText(), qty, "REFUND");
            idx++;
        }
        if (originalSaleId != null) {
            checkOverRefund(c, branchId, terminalId, e.eventId(), originalSaleId);
        }
    }

    /**
     * Compares refunded with sold quantity per original line. Sales and refunds of one sale are
     * serialised by a transaction-scoped advisory lock on the sale id, so two terminals refunding the
     * same line at the same instant cannot both see "still refundable".
     */
    private static void checkOverRefund(Connection c, String branchId, String terminalId, String eventId, String saleId) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select r.original_line_no, sum(r.quantity), max(s.quantity) "
                + "from refund_line r join sale_line s on s.sale_id = r.original_sale_id and s.line_no = r.original_line_no "
                + "where r.original_sale_id = ? group by r.original_line_no having sum(r.quantity) > max(s.quantity)")) {
            ps.setString(1, saleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("line " + rs.getInt(1) + ": refunded " + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()
                            + " of " + rs.getBigDecimal(3).stripTrailingZeros().toPlainString() + " sold");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select r.original_line_no from refund_line r "
                + "where r.original_sale_id = ? and exists (select 1 from sale s where s.sale_id = r.original_sale_id) "
                + "and not exists (select 1 from sale_line l where l.sale_id = r.original_sale_id and l.line_no = r.original_line_no)")) {
            ps.setString(1, saleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("line " + rs.getInt(1) + " does not exist on the original sale");
                }
            }
        }
        if (!problems.isEmpty()) {
            update(c, "update refund set flagged = true where original_sale_id = ?", saleId);
            flag(c, terminalId, branchId, "OVER_REFUND", eventId, "sale " + saleId + " over-refunded: " + String.join(", ", problems));
        }
    }

    /** Writes the movement row now and remembers the on-hand change for {@link #flushStock}. */
    private record StockCollector(Map<String, BigDecimal> deltas) {
        void move(Connection c, WireEvent e, int idx, String branchId, String sku, BigDecimal qty, String kind) throws SQLException {
            update(c, "insert into stock_movement (event_id, idx, branch_id, sku, quantity, kind) values (?::uuid, ?, ?, ?, ?, ?)",
                    e.eventId(), idx, branchId, sku, qty, kind);
            deltas.merge(sku, qty, BigDecimal::add);
        }
    }

    /** Adds the batch's stock changes to on-hand, one row per SKU, in SKU order. */
    static void flushStock(Connection c, String branchId, Map<String, BigDecimal> deltas) throws SQLException {
        for (Map.Entry<String, BigDecimal> d : new TreeMap<>(deltas).entrySet()) {
            if (d.getValue().signum() != 0) {
                update(c, "insert into stock_on_hand (branch_id, sku, quantity) values (?, ?, ?) "
                        + "on conflict (branch_id, sku) do update set quantity = stock_on_hand.quantity + excluded.quantity",
                        branchId, d.getKey(), d.getValue());
            }
        }
    }

    private static void cash(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p) throws SQLException {
        int inserted = update(c, "insert into cash_movement (movement_id, event_id, terminal_id, branch_id, till_session_id, kind, amount, reason) "
                        + "values (?, ?::uuid, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                p.get("movementId").asText(), e.eventId(), terminalId, branchId, p.get("tillSessionId").asText(),
                p.get("kind").asText(), PayloadValidator.decimal(p.get("amount")), p.path("reason").asText(null));
        if (inserted == 0) {
            flag(c, terminalId, branchId, "DUPLICATE_MOVEMENT_ID", e.eventId(), "cash movement " + p.get("movementId").asText() + " already recorded");
        }
    }

    private static void dayClose(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p) throws SQLException {
        int inserted = update(c, "insert into day_close (terminal_id, z_number, event_id, branch_id, business_day, first_seq, last_seq, "
                        + "event_count, sales_count, refunds_count, gross, tax) values (?, ?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                terminalId, p.get("zNumber").asInt(), e.eventId(), branchId, LocalDate.parse(p.get("businessDay").asText()),
                p.get("firstSeq").asLong(), p.get("lastSeq").asLong(), p.get("eventCount").asInt(), p.get("salesCount").asInt(),
                p.get("refundsCount").asInt(), PayloadValidator.decimal(p.get("totals").get("gross")),
                PayloadValidator.decimal(p.get("totals").get("tax")));
        if (inserted == 0) {
            flag(c, terminalId, branchId, "DUPLICATE_Z_NUMBER", e.eventId(), "Z " + p.get("zNumber").asInt() + " was already closed");
        }
    }

    private static void lockSale(Connection c, String saleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "sale:" + saleId);
            ps.execute();
        }
    }

    static void flag(Connection c, String terminalId, String branchId, String kind, String eventId, String detail) throws SQLException {
        update(c, "insert into flag (terminal_id, branch_id, kind, event_id, detail) values (?, ?, ?, ?::uuid, ?)",
                terminalId, branchId, kind, eventId, detail);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (a instanceof LocalDate d) {
                    ps.setObject(i + 1, d);
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            return ps.executeUpdate();
        }
    }
}
