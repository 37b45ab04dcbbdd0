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
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * A valid, newly stored event ready for the read models: a sale as its {@link SaleView} (read in
     * one pass, or from the tree), any other type as its parsed payload.
     */
    record Applicable(WireEvent event, JsonNode payload, SaleView sale) {
        /** From the parsed payload of a validated event. */
        Applicable(WireEvent event, JsonNode payload) {
            this(event, payload, EventTypes.SALE_COMPLETED.equals(event.type()) ? SaleView.fromTree(payload) : null);
        }
    }

    /** Whether {@code next} may be applied in one set-based run with {@code first} (today: runs of sales). */
    static boolean runsTogether(Applicable first, Applicable next) {
        return EventTypes.SALE_COMPLETED.equals(first.event().type()) && EventTypes.SALE_COMPLETED.equals(next.event().type());
    }

    /**
     * Applies a run of events (one event, or consecutive events for which {@link #runsTogether} holds),
     * in seq order. Stock changes are only collected into {@code stockDeltas} (SKU → signed quantity)
     * and written by {@link #flushStock} at the end of the batch, in SKU order: concurrent batches of
     * one branch then lock stock rows in the same order and cannot deadlock.
     */
    static void applyRun(Connection c, String branchId, String terminalId, List<Applicable> run,
                         Map<String, BigDecimal> stockDeltas) throws SQLException {
        if (run.size() > 1) {
            sales(c, branchId, terminalId, run, stockDeltas);
            return;
        }
        WireEvent e = run.get(0).event();
        JsonNode p = run.get(0).payload();
        StockCollector stock = new StockCollector(stockDeltas);
        switch (e.type()) {
            case EventTypes.SALE_COMPLETED -> sales(c, branchId, terminalId, run, stockDeltas);
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

    /**
     * Sales ledger for a run of SALE_COMPLETED events, set-based: one statement each for the sale
     * locks, the sale rows, the lines and the stock movements, and one over-refund check for the run.
     * A sale id already recorded (by another event) is flagged and its lines skipped; a line number
     * twice on one sale is flagged.
     */
    private static void sales(Connection c, String branchId, String terminalId, List<Applicable> run,
                              Map<String, BigDecimal> stockDeltas) throws SQLException {
        List<String> saleIds = new ArrayList<>(run.size());
        for (Applicable a : run) {
            saleIds.add(a.sale().saleId());
        }
        lockSales(c, saleIds);
        if (run.size() >= IngestService.copyFrom && copySales(c, branchId, terminalId, run, saleIds, stockDeltas)) {
            return;
        }
        Rows sales = new Rows(9);
        for (int i = 0; i < run.size(); i++) {
            WireEvent e = run.get(i).event();
            SaleView p = run.get(i).sale();
            sales.add(saleIds.get(i), e.eventId(), terminalId, branchId, e.businessDay().toString(), p.receiptNumber(),
                    p.currency(), new BigDecimal(p.gross()).toPlainString(), e.occurredAt().toString());
        }
        Set<String> recorded = new HashSet<>(sales.insertReturning(c, "insert into sale (sale_id, event_id, terminal_id, branch_id, "
                + "business_day, receipt_number, currency, gross, occurred_at) select u.c1, u.c2::uuid, u.c3, u.c4, u.c5::date, u.c6, "
                + "u.c7, u.c8::numeric, u.c9::timestamptz from " + Rows.unnest(9) + " on conflict do nothing returning event_id::text"));
        Rows lines = new Rows(8);
        Rows moves = new Rows(6);
        Map<String, String> checkedSales = new LinkedHashMap<>();
        Map<String, Integer> lineCounts = new HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            WireEvent e = run.get(i).event();
            String saleId = saleIds.get(i);
            if (!recorded.contains(e.eventId())) {
                flag(c, terminalId, branchId, "DUPLICATE_SALE_ID", e.eventId(), "sale " + saleId + " was already recorded by another event");
                continue;
            }
            int idx = 0;
            for (SaleView.Line line : run.get(i).sale().lines()) {
                int lineNo = line.lineNo();
                BigDecimal qty = new BigDecimal(line.quantity());
                String sku = line.sku();
                // priceVersion / promotionId / promotionVersion are optional: older terminals send none
                Long priceVersion = line.priceVersion();
                Long promotionVersion = line.promotionVersion();
                lines.add(saleId, Integer.toString(lineNo), sku, qty.toPlainString(), new BigDecimal(line.gross()).toPlainString(),
                        priceVersion == null ? null : priceVersion.toString(), line.promotionId(),
                        promotionVersion == null ? null : promotionVersion.toString());
                lineCounts.merge(lineNo + ":" + saleId, 1, Integer::sum);
                moves.add(e.eventId(), Integer.toString(idx++), branchId, sku, qty.negate().toPlainString(), "SALE");
                stockDeltas.merge(sku, qty.negate(), BigDecimal::add);
            }
            checkedSales.put(saleId, e.eventId());
        }
        for (String key : lines.insertReturning(c, "insert into sale_line (sale_id, line_no, sku, quantity, gross, price_version, "
                + "promotion_id, promotion_version) select u.c1, u.c2::int, u.c3, u.c4::numeric, u.c5::numeric, u.c6::bigint, u.c7, "
                + "u.c8::bigint from " + Rows.unnest(8)
                + " on conflict do nothing returning line_no || ':' || sale_id")) {
            lineCounts.merge(key, -1, Integer::sum);
        }
        for (Map.Entry<String, Integer> left : lineCounts.entrySet()) {
            String[] key = left.getKey().split(":", 2); // line number first: a sale id may hold a colon
            for (int k = 0; k < left.getValue(); k++) {
                flag(c, terminalId, branchId, "DUPLICATE_LINE_NO", checkedSales.get(key[1]), "sale " + key[1] + " has line " + key[0] + " twice");
            }
        }
        moves.execute(c, "insert into stock_movement (event_id, idx, branch_id, sku, quantity, kind) select u.c1::uuid, u.c2::int, u.c3, "
                + "u.c4, u.c5::numeric, u.c6 from " + Rows.unnest(6));
        // refunds of these sales may have arrived first (another terminal synced earlier)
        checkOverRefunds(c, branchId, terminalId, checkedSales);
    }

    /**
     * The common case of {@link #sales} (decision 0209): every sale new, every line number once per
     * sale. The sale rows, lines and stock movements of the run go in three {@code COPY}s behind a
     * savepoint, with the same text values the {@code unnest} statements cast. Any key that refuses a
     * row (a sale id recorded before, a line number twice) or any refused value rolls the copies back
     * and answers false; the statements then flag or quarantine exactly as before. On true the run is
     * recorded, its stock changes are in {@code stockDeltas} and its over-refunds are checked.
     */
    private static boolean copySales(Connection c, String branchId, String terminalId, List<Applicable> run, List<String> saleIds,
                                     Map<String, BigDecimal> stockDeltas) throws SQLException {
        CopyRows sales = new CopyRows();
        CopyRows lines = new CopyRows();
        CopyRows moves = new CopyRows();
        Map<String, BigDecimal> deltas = new HashMap<>();
        Map<String, String> checkedSales = new LinkedHashMap<>();
        for (int i = 0; i < run.size(); i++) {
            WireEvent e = run.get(i).event();
            SaleView p = run.get(i).sale();
            String saleId = saleIds.get(i);
            sales.add(saleId).add(e.eventId()).add(terminalId).add(branchId).add(e.businessDay().toString()).add(p.receiptNumber())
                    .add(p.currency()).add(new BigDecimal(p.gross()).toPlainString()).add(e.occurredAt().toString());
            sales.endRow();
            int idx = 0;
            for (SaleView.Line line : p.lines()) {
                BigDecimal qty = new BigDecimal(line.quantity());
                Long priceVersion = line.priceVersion();
                Long promotionVersion = line.promotionVersion();
                lines.add(saleId).add(Integer.toString(line.lineNo())).add(line.sku()).add(qty.toPlainString())
                        .add(new BigDecimal(line.gross()).toPlainString()).add(priceVersion == null ? null : priceVersion.toString())
                        .add(line.promotionId()).add(promotionVersion == null ? null : promotionVersion.toString());
                lines.endRow();
                moves.add(e.eventId()).add(Integer.toString(idx++)).add(branchId).add(line.sku()).add(qty.negate().toPlainString())
                        .add("SALE");
                moves.endRow();
                deltas.merge(line.sku(), qty.negate(), BigDecimal::add);
            }
            checkedSales.put(saleId, e.eventId());
        }
        if (!sales.copyable() || !lines.copyable() || !moves.copyable() || checkedSales.size() != run.size()) {
            return false; // U+0000 somewhere, or one sale id twice in the run: the statements decide
        }
        boolean copied = CopyRows.tryBehindSavepoint(c, () -> {
            sales.copyInto(c, "sale (sale_id, event_id, terminal_id, branch_id, business_day, receipt_number, currency, gross, occurred_at)");
            lines.copyInto(c, "sale_line (sale_id, line_no, sku, quantity, gross, price_version, promotion_id, promotion_version)");
            moves.copyInto(c, "stock_movement (event_id, idx, branch_id, sku, quantity, kind)");
        });
        if (!copied) {
            return false;
        }
        deltas.forEach((sku, qty) -> stockDeltas.merge(sku, qty, BigDecimal::add));
        // refunds of these sales may have arrived first (another terminal synced earlier)
        checkOverRefunds(c, branchId, terminalId, checkedSales);
        return true;
    }

    private static void refund(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p, StockCollector stock)
            throws SQLException {
        String refundId = p.get("refundId").asText();
        String originalSaleId = p.hasNonNull("originalSaleId") ? p.get("originalSaleId").asText() : null;
        if (originalSaleId != null) {
            lockSales(c, List.of(originalSaleId));
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
            checkOverRefunds(c, branchId, terminalId, Map.of(originalSaleId, e.eventId()));
        }
    }

    /**
     * Compares refunded with sold quantity per original line, for the given sales (sale id → the event
     * that caused the check). Sales and refunds of one sale are serialised by a transaction-scoped
     * advisory lock on the sale id, so two terminals refunding the same line at the same instant cannot
     * both see "still refundable".
     */
    private static void checkOverRefunds(Connection c, String branchId, String terminalId, Map<String, String> sales) throws SQLException {
        if (sales.isEmpty()) {
            return;
        }
        Map<String, List<String>> problems = new LinkedHashMap<>();
        java.sql.Array ids = c.createArrayOf("text", sales.keySet().toArray(new String[0]));
        // one round trip: lines refunded beyond what was sold, then refunded lines the (recorded) sale does not have
        try (PreparedStatement ps = c.prepareStatement("select r.original_sale_id, r.original_line_no, sum(r.quantity), max(s.quantity) "
                + "from refund_line r join sale_line s on s.sale_id = r.original_sale_id and s.line_no = r.original_line_no "
                + "where r.original_sale_id = any(?) group by r.original_sale_id, r.original_line_no having sum(r.quantity) > max(s.quantity) "
                + "union all select r.original_sale_id, r.original_line_no, null, null from refund_line r "
                + "where r.original_sale_id = any(?) and exists (select 1 from sale s where s.sale_id = r.original_sale_id) "
                + "and not exists (select 1 from sale_line l where l.sale_id = r.original_sale_id and l.line_no = r.original_line_no)")) {
            ps.setArray(1, ids);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal refunded = rs.getBigDecimal(3);
                    problems.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(refunded == null
                            ? "line " + rs.getInt(2) + " does not exist on the original sale"
                            : "line " + rs.getInt(2) + ": refunded " + refunded.stripTrailingZeros().toPlainString()
                                    + " of " + rs.getBigDecimal(4).stripTrailingZeros().toPlainString() + " sold");
                }
            }
        }
        for (Map.Entry<String, List<String>> p : problems.entrySet()) {
            update(c, "update refund set flagged = true where original_sale_id = ?", p.getKey());
            flag(c, terminalId, branchId, "OVER_REFUND", sales.get(p.getKey()), "sale " + p.getKey() + " over-refunded: "
                    + String.join(", ", p.getValue()));
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

    /** Adds the batch's stock changes to on-hand, one row per SKU, in SKU order, in one statement. */
    static void flushStock(Connection c, String branchId, Map<String, BigDecimal> deltas) throws SQLException {
        Rows rows = new Rows(2);
        for (Map.Entry<String, BigDecimal> d : new TreeMap<>(deltas).entrySet()) {
            if (d.getValue().signum() != 0) {
                rows.add(d.getKey(), d.getValue().toPlainString());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into stock_on_hand (branch_id, sku, quantity) select ?, u.c1, u.c2::numeric from "
                + Rows.unnest(2) + " order by u.c1 on conflict (branch_id, sku) do update set quantity = stock_on_hand.quantity + excluded.quantity")) {
            ps.setString(1, branchId);
            rows.bind(c, ps, 2);
            ps.executeUpdate();
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

    /** Takes the transaction-scoped advisory locks of these sales, in one fixed order (no deadlock between batches). */
    private static void lockSales(Connection c, List<String> saleIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(pg_advisory_xact_lock(h)) from (select distinct "
                + "hashtextextended('sale:' || x, 0) as h from unnest(?::text[]) as x order by h offset 0) as l")) {
            ps.setArray(1, c.createArrayOf("text", saleIds.toArray(new String[0])));
            ps.execute();
        }
    }

    /** Column-wise rows (all as text, cast in SQL) for one {@code unnest} statement: one round trip for any number of rows. */
    private static final class Rows {
        private final List<List<String>> columns = new ArrayList<>();

        Rows(int width) {
            for (int i = 0; i < width; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(String... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        boolean isEmpty() {
            return columns.get(0).isEmpty();
        }

        /** {@code unnest(?::text[], …) as u(c1, …)}. */
        static String unnest(int width) {
            StringBuilder sb = new StringBuilder("unnest(");
            StringBuilder names = new StringBuilder();
            for (int i = 1; i <= width; i++) {
                sb.append(i > 1 ? ", " : "").append("?::text[]");
                names.append(i > 1 ? ", " : "").append('c').append(i);
            }
            return sb.append(") as u(").append(names).append(')').toString();
        }

        void bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                ps.setArray(first + i, c.createArrayOf("text", columns.get(i).toArray(new String[0])));
            }
        }

        void execute(Connection c, String sql) throws SQLException {
            if (isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, 1);
                ps.executeUpdate();
            }
        }

        List<String> insertReturning(Connection c, String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            if (isEmpty()) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
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
