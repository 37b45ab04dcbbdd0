package io.branchpos.store.stock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.domain.stock.CountEntry;
import io.branchpos.domain.stock.CountReconciliation;
import io.branchpos.domain.stock.CountSheet;
import io.branchpos.domain.stock.MovementKind;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.domain.stock.StockKey;
import io.branchpos.domain.stock.StockMovement;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.report.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Stock as movements (DESIGN.md invariant 7). Receipts, adjustments, transfers and counts are rows
 * of {@code stock_movement}, each journaled as {@code STOCK_MOVEMENT} in the same transaction;
 * sales and refunds are derived from their lines and never written twice. On hand is a sum.
 */
public final class StockRepository {
    public static final String STOCK_MOVEMENT = "STOCK_MOVEMENT";
    /** The one location of a branch's sellable stock; sales and refunds move stock here. */
    public static final String STORE = "STORE";

    private static final String ALL_MOVEMENTS = "SELECT sku, location, quantity, kind, occurred_at, reference, reason"
            + " FROM stock_movement"
            + " UNION ALL SELECT l.sku, 'STORE', -l.quantity, 'SALE', s.completed_at, s.receipt_number, NULL"
            + " FROM sale_line l JOIN sale s ON s.sale_id = l.sale_id"
            + " UNION ALL SELECT l.sku, 'STORE', l.quantity, 'REFUND', r.completed_at, CAST(r.refund_id AS VARCHAR), r.reason"
            + " FROM refund_line l JOIN refund r ON r.refund_id = l.refund_id";

    private final LocalStore store;

    public StockRepository(LocalStore store) {
        this.store = store;
    }

    /** Writes one journaled movement in the caller's transaction. */
    public StockMovement record(WriteContext ctx, StockMovement m, String userId, Map<String, String> extra) {
        if (!m.kind().isJournaled()) {
            throw new IllegalArgumentException(m.kind() + " movements come from sale and refund lines");
        }
        UUID id = ctx.newId();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("movementId", id.toString());
        p.put("sku", m.sku());
        p.put("location", m.location());
        p.put("quantity", m.quantity().stripTrailingZeros().toPlainString());
        p.put("kind", m.kind().name());
        p.put("reference", m.reference());
        p.put("reason", m.reason());
        p.put("occurredAt", m.at().toString());
        p.put("userId", userId);
        extra.forEach(p::put);
        JournalEvent e = ctx.journal(STOCK_MOVEMENT, 1, p);
        Sql.update(ctx.session(), "INSERT INTO stock_movement(movement_id, sku, location, quantity, kind, reference,"
                + " reason, occurred_at, business_day, user_id, journal_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)", id, m.sku(),
                m.location(), m.quantity(), m.kind().name(), m.reference(), m.reason(), m.at(), ctx.businessDay(), userId,
                e.seq());
        return m;
    }

    // ---------------------------------------------------------------- receiving

    /** A delivery announced to this branch. */
    public record ExpectedLine(String reference, String kind, String source, String sku, BigDecimal expected,
            boolean received) {
    }

    /** Announces a purchase order or incoming transfer (demo data and, later, the catalog feed). */
    public void announce(String reference, String kind, String source, Map<String, BigDecimal> lines) {
        store.write(ctx -> {
            lines.forEach((sku, qty) -> Sql.update(ctx.session(), "MERGE INTO expected_delivery(reference, kind, source,"
                    + " sku, expected_qty) KEY(reference, sku) VALUES (?,?,?,?,?)", reference, kind, source, sku, qty));
            return null;
        });
    }

    /** Open deliveries (not yet received), by reference. */
    public List<ExpectedLine> openDeliveries() {
        return store.read(s -> Sql.query(s, "SELECT * FROM expected_delivery WHERE received_at IS NULL"
                + " ORDER BY reference, sku", rs -> new ExpectedLine(rs.getString("reference"), rs.getString("kind"),
                        rs.getString("source"), rs.getString("sku"), rs.getBigDecimal("expected_qty"), false)));
    }

    /**
     * Receives goods: one RECEIPT (or TRANSFER_IN for a transfer) movement per line with the
     * sellable quantity; expected, received and damaged quantities go into the event. With a
     * {@code reference} of an announced delivery, its lines are marked received (a line not on it
     * is an over-delivery of an unexpected SKU; a line of it not received is recorded as received 0).
     */
    public List<StockMovement> receive(String reference, List<ReceiptLine> lines, String userId) {
        return store.write(ctx -> {
            Session s = ctx.session();
            Instant now = ctx.now();
            List<ExpectedLine> announced = reference == null ? List.of() : Sql.query(s,
                    "SELECT * FROM expected_delivery WHERE reference = ?", rs -> new ExpectedLine(rs.getString("reference"),
                            rs.getString("kind"), rs.getString("source"), rs.getString("sku"),
                            rs.getBigDecimal("expected_qty"), Sql.instant(rs, "received_at") != null), reference);
            if (announced.stream().anyMatch(ExpectedLine::received)) {
                throw new StoreException("delivery " + reference + " was already received");
            }
            MovementKind kind = announced.stream().anyMatch(a -> a.kind().equals("TRANSFER"))
                    ? MovementKind.TRANSFER_IN : MovementKind.RECEIPT;
            List<ReceiptLine> all = new ArrayList<>(lines);
            for (ExpectedLine a : announced) {
                if (all.stream().noneMatch(l -> l.sku().equals(a.sku()))) {
                    all.add(new ReceiptLine(a.sku(), a.expected(), BigDecimal.ZERO, BigDecimal.ZERO));
                }
            }
            List<StockMovement> out = new ArrayList<>();
            for (ReceiptLine l : all) {
                BigDecimal expected = announced.stream().filter(a -> a.sku().equals(l.sku())).map(ExpectedLine::expected)
                        .findFirst().orElse(l.expected());
                ReceiptLine line = new ReceiptLine(l.sku(), reference == null ? l.expected() : 
                        (expected == null ? BigDecimal.ZERO : expected), l.received(), l.damaged());
                StockMovement m = new StockMovement(l.sku(), STORE, line.sellable(), kind, now, reference, null);
                Map<String, String> extra = new java.util.LinkedHashMap<>();
                extra.put("received", line.received().stripTrailingZeros().toPlainString());
                extra.put("damaged", line.damaged().stripTrailingZeros().toPlainString());
                if (line.expected() != null) {
                    extra.put("expected", line.expected().stripTrailingZeros().toPlainString());
                    extra.put("overUnder", line.overUnder().stripTrailingZeros().toPlainString());
                }
                out.add(record(ctx, m, userId, extra));
            }
            if (reference != null) {
                Sql.update(s, "UPDATE expected_delivery SET received_at = ? WHERE reference = ?", now, reference);
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- adjustments and transfers

    public StockMovement adjust(String sku, BigDecimal delta, AdjustmentReason reason, String note, String userId) {
        if (delta.signum() == 0) {
            throw new IllegalArgumentException("an adjustment of 0 changes nothing");
        }
        return store.write(ctx -> record(ctx, new StockMovement(sku, STORE, delta, MovementKind.ADJUSTMENT, ctx.now(),
                null, reason.name()), userId, note == null || note.isBlank() ? Map.of() : Map.of("note", note.strip())));
    }

    /** Sends stock to another branch: it leaves here now; HQ routes it (in transit) to the receiver. */
    public List<StockMovement> transferOut(String toBranch, Map<String, BigDecimal> lines, String userId) {
        return store.write(ctx -> {
            String ref = newTransferReference(ctx);
            List<StockMovement> out = new ArrayList<>();
            for (Map.Entry<String, BigDecimal> l : lines.entrySet()) {
                if (l.getValue().signum() <= 0) {
                    throw new IllegalArgumentException("transfer quantities are positive");
                }
                out.add(record(ctx, new StockMovement(l.getKey(), STORE, l.getValue().negate(), MovementKind.TRANSFER_OUT,
                        ctx.now(), ref, null), userId, Map.of("toBranch", toBranch, "lineCount", Integer.toString(lines.size()))));
            }
            return out;
        });
    }

    /**
     * "TR-" + terminal + 12 hex digits of an id's random bits (not its leading digits: ids are
     * time-ordered, and those stay the same for about a minute), checked against this terminal's
     * movements so two transfers never share a reference (HQ routes by it).
     */
    private static String newTransferReference(WriteContext ctx) {
        // at most 59 characters: a reference is VARCHAR(64), and HQ's recall appends "-BACK"
        String terminal = ctx.terminalId().length() > 40 ? ctx.terminalId().substring(0, 40) : ctx.terminalId();
        while (true) {
            String ref = "TR-" + terminal + "-" + String.format("%012x", ctx.newId().getLeastSignificantBits() & 0xFFFF_FFFF_FFFFL);
            if (Sql.query(ctx.session(), "SELECT 1 FROM stock_movement WHERE reference = ? LIMIT 1", rs -> 1, ref).isEmpty()) {
                return ref;
            }
        }
    }

    // ---------------------------------------------------------------- counts

    /** Count kind: FULL covers every SKU with stock; CYCLE only what was counted. */
    public enum CountKind { FULL, CYCLE }

    public UUID startCount(CountKind kind, String userId) {
        return store.write(ctx -> {
            UUID id = ctx.newId();
            Sql.update(ctx.session(), "INSERT INTO stock_count(count_id, kind, started_at, started_by) VALUES (?,?,?,?)",
                    id, kind.name(), ctx.now(), userId);
            return id;
        });
    }

    /** Records one scan or typed quantity; durable at once, so a crash loses no counted shelf. */
    public CountEntry addCountEntry(UUID countId, String counterId, String sku, BigDecimal quantity) {
        return store.write(ctx -> {
            Session s = ctx.session();
            List<Instant> posted = Sql.query(s, "SELECT posted_at FROM stock_count WHERE count_id = ?",
                    rs -> Sql.instant(rs, "posted_at"), countId);
            if (posted.isEmpty() || posted.get(0) != null) {
                throw new StoreException("count " + countId + " is not open");
            }
            int no = Sql.query(s, "SELECT COALESCE(MAX(entry_no), 0) + 1 FROM stock_count_entry WHERE count_id = ?",
                    rs -> rs.getInt(1), countId).get(0);
            Instant at = ctx.now();
            Sql.update(s, "INSERT INTO stock_count_entry(count_id, entry_no, counter_id, sku, quantity, counted_at)"
                    + " VALUES (?,?,?,?,?,?)", countId, no, counterId, sku, quantity, at);
            return new CountEntry(counterId, sku, quantity, at);
        });
    }

    public List<CountEntry> countEntries(UUID countId) {
        return store.read(s -> entries(s, countId));
    }

    private static List<CountEntry> entries(Session s, UUID countId) {
        return Sql.query(s, "SELECT * FROM stock_count_entry WHERE count_id = ? ORDER BY entry_no",
                rs -> new CountEntry(rs.getString("counter_id"), rs.getString("sku"), rs.getBigDecimal("quantity"),
                        Sql.instant(rs, "counted_at")), countId);
    }

    /** One posted count line: what was counted, what the books said at that instant, and the difference. */
    public record CountResult(String sku, BigDecimal counted, BigDecimal expectedAtCount, BigDecimal adjustment,
            Instant countedAt) {
    }

    /**
     * Posts a count: per SKU a COUNT movement of {@code counted - onHand(at the count instant)},
     * dated at that instant, so sales made between counting and posting are kept (invariant 7).
     */
    public List<CountResult> postCount(UUID countId, String userId) {
        return store.write(ctx -> {
            Session s = ctx.session();
            List<String> kinds = Sql.query(s, "SELECT kind FROM stock_count WHERE count_id = ? AND posted_at IS NULL",
                    rs -> rs.getString(1), countId);
            if (kinds.isEmpty()) {
                throw new StoreException("count " + countId + " is not open");
            }
            boolean full = kinds.get(0).equals(CountKind.FULL.name());
            Map<String, CountSheet.Counted> counted = CountSheet.summarize(entries(s, countId));
            Instant now = ctx.now();
            List<String> withStock = full ? Sql.query(s, "SELECT sku FROM (" + ALL_MOVEMENTS + ") m WHERE location = ?"
                    + " GROUP BY sku HAVING SUM(quantity) <> 0", rs -> rs.getString(1), STORE) : List.of();
            List<CountResult> out = new ArrayList<>();
            for (String sku : CountSheet.scope(full, counted.keySet(), withStock)) {
                CountSheet.Counted c = counted.getOrDefault(sku, new CountSheet.Counted(sku, BigDecimal.ZERO, now));
                List<StockMovement> history = movements(s, sku, STORE);
                StockKey key = new StockKey(sku, STORE);
                BigDecimal adj = CountReconciliation.adjustment(history, key, c.quantity(), c.at());
                BigDecimal before = c.quantity().subtract(adj);
                if (adj.signum() != 0) {
                    record(ctx, new StockMovement(sku, STORE, adj, MovementKind.COUNT, c.at(), countId.toString(), null),
                            userId, Map.of("counted", c.quantity().stripTrailingZeros().toPlainString(),
                                    "countedAt", c.at().toString(), "countKind", kinds.get(0)));
                }
                out.add(new CountResult(sku, c.quantity(), before, adj, c.at()));
            }
            Sql.update(s, "UPDATE stock_count SET posted_at = ? WHERE count_id = ?", now, countId);
            return out;
        });
    }

    // ---------------------------------------------------------------- reading

    /** Every movement of one SKU at one location, oldest first (sales and refunds included). */
    public List<StockMovement> history(String sku) {
        return store.read(s -> movements(s, sku, STORE));
    }

    static List<StockMovement> movements(Session s, String sku, String location) {
        return Sql.query(s, "SELECT * FROM (" + ALL_MOVEMENTS + ") m WHERE sku = ? AND location = ? ORDER BY occurred_at",
                rs -> new StockMovement(rs.getString("sku"), rs.getString("location"), rs.getBigDecimal("quantity"),
                        MovementKind.valueOf(rs.getString("kind")), Sql.instant(rs, "occurred_at"),
                        rs.getString("reference"), rs.getString("reason")), sku, location);
    }

    /** HQ's cost price of {@code sku} (feed field {@code cost}), if HQ set one. */
    public java.util.Optional<BigDecimal> costPrice(String sku) {
        return store.read(s -> Sql.query(s, "SELECT cost FROM product_cost WHERE sku = ?", rs -> rs.getBigDecimal(1), sku))
                .stream().findFirst();
    }

    public BigDecimal onHand(String sku) {
        return store.read(s -> Sql.query(s, "SELECT COALESCE(SUM(quantity), 0) FROM (" + ALL_MOVEMENTS + ") m"
                + " WHERE sku = ? AND location = ?", rs -> rs.getBigDecimal(1), sku, STORE).get(0));
    }

    /** One row of the on-hand list. */
    public record OnHandRow(String sku, String name, String category, BigDecimal onHand, BigDecimal reorderPoint,
            BigDecimal reorderQty, BigDecimal price) {
        public boolean isLow() {
            return reorderPoint != null && onHand.compareTo(reorderPoint) <= 0;
        }
    }

    /** On hand of every SKU that ever moved or has a reorder point, by SKU. */
    public List<OnHandRow> onHandList() {
        return store.read(s -> Sql.query(s, "SELECT p.sku, p.name, p.category, p.price, COALESCE(m.q, 0) AS on_hand,"
                + " st.reorder_point, st.reorder_qty FROM product p"
                + " LEFT JOIN (SELECT sku, SUM(quantity) q FROM (" + ALL_MOVEMENTS + ") x WHERE location = 'STORE'"
                + " GROUP BY sku) m ON m.sku = p.sku LEFT JOIN stock_setting st ON st.sku = p.sku"
                + " WHERE m.sku IS NOT NULL OR st.sku IS NOT NULL ORDER BY p.sku",
                rs -> new OnHandRow(rs.getString("sku"), rs.getString("name"), rs.getString("category"),
                        rs.getBigDecimal("on_hand"), rs.getBigDecimal("reorder_point"), rs.getBigDecimal("reorder_qty"),
                        rs.getBigDecimal("price"))));
    }

    /** SKUs at or below their reorder point. */
    public List<OnHandRow> lowStock() {
        return onHandList().stream().filter(OnHandRow::isLow).toList();
    }

    public void setReorderPoint(String sku, BigDecimal point, BigDecimal quantity) {
        store.write(ctx -> Sql.update(ctx.session(), "MERGE INTO stock_setting(sku, reorder_point, reorder_qty)"
                + " KEY(sku) VALUES (?,?,?)", sku, point, quantity));
    }
}
