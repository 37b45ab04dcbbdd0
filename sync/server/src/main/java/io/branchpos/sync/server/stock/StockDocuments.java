package io.branchpos.sync.server.stock;

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
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * HQ's stock documents addressed to one branch: purchase orders (which HQ can cancel), transfers
 * between branches (which HQ can recall while in transit) and stock baselines. Every write appends the document's whole state to that branch's feed
 * ({@code feed_change.branch_id}) in the caller's transaction, so only the addressed branch sees it
 * and it is served exactly once it committed (decision 0250).
 */
public final class StockDocuments {
    /** Work on stock documents inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StockDocuments docs) throws SQLException;
    }

    private final Connection connection;

    /** Commits what {@code work} wrote, or rolls all of it back if it throws. */
    public static <T> T write(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new StockDocuments(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** {@code connection} must not be in auto-commit. */
    public StockDocuments(Connection connection) {
        this.connection = connection;
    }

    /** Creates a purchase order for {@code branchId} from {@code supplier}; SKU → ordered quantity. */
    public void createPurchaseOrder(String reference, String branchId, String supplier, Map<String, BigDecimal> lines)
            throws SQLException {
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            throw new IllegalArgumentException("a purchase order needs a reference of 1-64 characters");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a purchase order needs at least one line");
        }
        requireBranch(branchId);
        if (exists("select 1 from stock_document where reference = ?", reference)) {
            throw new IllegalArgumentException("a stock document " + reference + " already exists");
        }
        for (Map.Entry<String, BigDecimal> l : lines.entrySet()) {
            if (l.getValue().signum() <= 0) {
                throw new IllegalArgumentException("ordered quantity of " + l.getKey() + " must be positive");
            }
            if (!exists("select 1 from catalog_product where sku = ?", l.getKey())) {
                throw new IllegalArgumentException("no product with SKU " + l.getKey());
            }
        }
        update("insert into stock_document (reference, kind, branch_id, source, status, line_count) values (?, 'PURCHASE_ORDER', ?, ?, 'OPEN', ?)",
                reference, branchId, supplier, lines.size());
        for (Map.Entry<String, BigDecimal> l : lines.entrySet()) {
            update("insert into stock_document_line (reference, sku, expected_qty) values (?, ?, ?)", reference, l.getKey(), l.getValue());
        }
        publish(reference);
    }

    /**
     * Cancels a purchase order its branch has not received: the branch's feed carries it with status
     * {@code CANCELLED}, so its terminals stop offering it. Returns false (and writes nothing) when it
     * was already cancelled. A received order, a transfer (recalled instead, {@link #recallTransfer})
     * and an unknown reference are refused with the reason.
     */
    public boolean cancelPurchaseOrder(String reference, String actor) throws SQLException {
        Locked doc = lock(reference);
        if (!doc.kind().equals("PURCHASE_ORDER")) {
            throw new IllegalArgumentException(reference + " is a transfer between branches, not a purchase order: its goods "
                    + "already left the sending branch; recall it with stock recall-transfer while it is in transit to " + doc.branchId());
        }
        if (doc.status().equals("CANCELLED")) {
            return false;
        }
        if (doc.status().equals("RECEIVED")) {
            throw new IllegalArgumentException("purchase order " + reference + " was already received at " + doc.branchId()
                    + (doc.receivedAt() == null ? "" : " on " + doc.receivedAt().toInstant()) + "; it cannot be cancelled");
        }
        update("update stock_document set status = 'CANCELLED', cancelled_at = now(), cancelled_by = ? where reference = ?",
                actor, reference);
        publish(reference);
        return true;
    }

    /** The reference of the transfer that brings a recalled transfer's goods back to its sender. */
    public static String returnReference(String reference) {
        return reference + "-BACK";
    }

    /**
     * Recalls a transfer still in transit (sent to the wrong branch, or no longer wanted): the
     * receiving branch's feed carries it as {@code CANCELLED}, so its terminals stop offering it, and
     * a new transfer {@link #returnReference} addressed to the sending branch carries the same lines
     * back, to be received there like any transfer (its stock left the sender when it was sent).
     * Returns false (and writes nothing) when it was already recalled. A received transfer, one whose
     * lines have not all reached HQ yet, a purchase order and an unknown reference are refused with
     * the reason.
     */
    public boolean recallTransfer(String reference, String actor) throws SQLException {
        Locked doc = lock(reference);
        if (!doc.kind().equals("TRANSFER")) {
            throw new IllegalArgumentException(reference + " is a purchase order, not a transfer; use stock cancel-po");
        }
        if (doc.status().equals("CANCELLED")) {
            return false;
        }
        if (doc.status().equals("RECEIVED")) {
            throw new IllegalArgumentException("transfer " + reference + " was already received at " + doc.branchId()
                    + (doc.receivedAt() == null ? "" : " on " + doc.receivedAt().toInstant()) + "; send the goods back as a new transfer from " + doc.branchId());
        }
        int lines = count("select count(*) from stock_document_line where reference = ?", reference);
        if (doc.lineCount() != null && lines < doc.lineCount()) {
            throw new IllegalArgumentException("transfer " + reference + " has " + lines + " of its " + doc.lineCount()
                    + " lines at HQ; recall it once " + doc.source() + " has synced the rest");
        }
        String back = returnReference(reference);
        if (back.length() > 64 || exists("select 1 from stock_document where reference = ?", back)) {
            throw new IllegalArgumentException("cannot recall " + reference + ": the return reference " + back
                    + (back.length() > 64 ? " is longer than 64 characters" : " is already used by another stock document"));
        }
        update("update stock_document set status = 'CANCELLED', cancelled_at = now(), cancelled_by = ? where reference = ?",
                actor, reference);
        update("insert into stock_document (reference, kind, branch_id, source, status, line_count) values (?, 'TRANSFER', ?, ?, 'IN_TRANSIT', ?)",
                back, doc.source(), doc.branchId(), lines);
        update("insert into stock_document_line (reference, sku, expected_qty) select ?, sku, expected_qty from stock_document_line "
                + "where reference = ?", back, reference);
        publish(reference);
        publish(back);
        return true;
    }

    /** A stock document's header, locked for the rest of the transaction. */
    private record Locked(String kind, String status, String branchId, String source, Integer lineCount, Timestamp receivedAt) {
    }

    /** Locks the document {@code reference} ({@code FOR UPDATE}); an unknown reference is refused with the reason. */
    private Locked lock(String reference) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select kind, status, branch_id, source, line_count, received_at from stock_document where reference = ? for update")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no stock document " + reference);
                }
                return new Locked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), (Integer) rs.getObject(5),
                        rs.getTimestamp(6));
            }
        }
    }

    /** Records HQ's on-hand of {@code sku} at {@code branchId} at {@code asOf}; returns the baseline id. */
    public long setBaseline(String branchId, String sku, BigDecimal quantity, Instant asOf, String actor) throws SQLException {
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("a baseline quantity cannot be negative: " + quantity.toPlainString());
        }
        requireBranch(branchId);
        if (!exists("select 1 from catalog_product where sku = ?", sku)) {
            throw new IllegalArgumentException("no product with SKU " + sku);
        }
        long id;
        try (PreparedStatement ps = connection.prepareStatement("insert into stock_baseline (branch_id, sku, quantity, as_of, created_by) "
                + "values (?, ?, ?, ?, ?) returning baseline_id")) {
            bind(ps, branchId, sku, quantity, Timestamp.from(asOf), actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.put("baselineId", id).put("sku", sku).put("quantity", quantity.stripTrailingZeros().toPlainString())
                .put("asOf", asOf.toString());
        append(branchId, FeedChange.STOCK_BASELINE, Long.toString(id), data);
        return id;
    }

    /**
     * Appends the document's whole state to its branch's feed: {@code PURCHASE_ORDER} or
     * {@code TRANSFER_IN} with {@code {reference, source, status, lines:[{sku, quantity}]}}.
     */
    void publish(String reference) throws SQLException {
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        String branchId;
        String kind;
        try (PreparedStatement ps = connection.prepareStatement("select kind, branch_id, source, status from stock_document where reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                kind = rs.getString(1).equals("TRANSFER") ? FeedChange.TRANSFER_IN : FeedChange.PURCHASE_ORDER;
                branchId = rs.getString(2);
                data.put("reference", reference).put("source", rs.getString(3)).put("status", rs.getString(4));
            }
        }
        ArrayNode lines = data.putArray("lines");
        try (PreparedStatement ps = connection.prepareStatement("select sku, expected_qty from stock_document_line where reference = ? order by sku")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.addObject().put("sku", rs.getString(1)).put("quantity", rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
                }
            }
        }
        append(branchId, kind, reference, data);
    }

    private void append(String branchId, String kind, String key, ObjectNode data) throws SQLException {
        update("insert into feed_change (branch_id, kind, entity_key, intended, data) values (?, ?, ?, false, ?)",
                branchId, kind, key, ProtocolJson.writeString(data));
        // delivered at commit; FeedSignals tells the branch's connected terminals to pull
        try (var st = connection.createStatement()) {
            st.execute("select pg_notify('catalog_feed', pg_current_xact_id()::text)");
        }
    }

    private void requireBranch(String branchId) throws SQLException {
        if (!branchExists(branchId)) {
            throw new IllegalArgumentException("no branch " + branchId + " (enrol a terminal of it first)");
        }
    }

    boolean branchExists(String branchId) throws SQLException {
        return exists("select 1 from branch where branch_id = ?", branchId);
    }

    boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    int count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
