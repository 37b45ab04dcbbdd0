package io.branchpos.sync.server.stock;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.PayloadValidator;
import io.branchpos.sync.protocol.WireEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Routes branch stock events through HQ, inside the ingest transaction (called once per
 * {@code STOCK_MOVEMENT} from the projections):
 * <ul>
 * <li>{@code TRANSFER_OUT} from branch A with {@code toBranch} B: a {@code TRANSFER} document
 *     addressed to B, IN_TRANSIT, published to B's feed as {@code TRANSFER_IN} once all of the
 *     sender's lines ({@code lineCount}) have arrived;</li>
 * <li>{@code TRANSFER_IN} or {@code RECEIPT} naming a document of this branch: the received and
 *     damaged quantities are recorded and the document turns RECEIVED (re-published, so the
 *     branch's other terminals stop offering it); a purchase order HQ had cancelled, or a transfer
 *     it had recalled, stays CANCELLED and the receipt is flagged.</li>
 * </ul>
 * Problems are flagged, never thrown: one odd event must not wedge the stream (invariant 4).
 */
public final class StockRouting {
    private StockRouting() {
    }

    public static void onStockMovement(Connection c, String branchId, String terminalId, WireEvent e, JsonNode p)
            throws SQLException {
        String kind = p.path("kind").asText();
        String reference = p.path("reference").isTextual() ? p.get("reference").asText() : null;
        if (reference == null) {
            return;
        }
        StockDocuments docs = new StockDocuments(c);
        if (kind.equals("TRANSFER_OUT") && p.path("toBranch").isTextual()) {
            transferOut(c, docs, branchId, terminalId, e, p, reference);
        } else if (kind.equals("TRANSFER_IN") || kind.equals("RECEIPT")) {
            received(c, docs, branchId, terminalId, e, p, reference);
        }
    }

    private static void transferOut(Connection c, StockDocuments docs, String branchId, String terminalId, WireEvent e,
                                    JsonNode p, String reference) throws SQLException {
        String to = p.get("toBranch").asText();
        if (to.equals(branchId) || !docs.branchExists(to)) {
            flag(docs, terminalId, branchId, e, "transfer " + reference + " is addressed to " + to
                    + ", which is not another branch HQ knows; the stock left " + branchId + " but no branch will receive it");
            return;
        }
        Integer lineCount = lineCount(p.path("lineCount"));
        docs.update("insert into stock_document (reference, kind, branch_id, source, status, line_count) "
                + "values (?, 'TRANSFER', ?, ?, 'IN_TRANSIT', ?) on conflict (reference) do nothing", reference, to, branchId, lineCount);
        if (!docs.exists("select 1 from stock_document where reference = ? and kind = 'TRANSFER' and source = ? and branch_id = ? "
                + "and status = 'IN_TRANSIT'", reference, branchId, to)) {
            flag(docs, terminalId, branchId, e, "transfer reference " + reference + " is already used by another stock document");
            return;
        }
        BigDecimal qty = PayloadValidator.decimal(p.get("quantity")).negate();
        docs.update("insert into stock_document_line (reference, sku, expected_qty) values (?, ?, ?) on conflict (reference, sku) "
                + "do update set expected_qty = stock_document_line.expected_qty + excluded.expected_qty", reference, p.get("sku").asText(), qty);
        int lines = docs.count("select count(*) from stock_document_line where reference = ?", reference);
        if (lineCount == null || lines >= lineCount) {
            docs.publish(reference);
        }
    }

    private static void received(Connection c, StockDocuments docs, String branchId, String terminalId, WireEvent e,
                                 JsonNode p, String reference) throws SQLException {
        String owner = null;
        String status = null;
        String docKind = null;
        try (PreparedStatement ps = c.prepareStatement("select branch_id, status, kind from stock_document where reference = ? for update")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    owner = rs.getString(1);
                    status = rs.getString(2);
                    docKind = rs.getString(3);
                }
            }
        }
        if (owner == null) {
            return; // a delivery HQ did not send (a free receipt with a reference, demo data)
        }
        if (!owner.equals(branchId)) {
            flag(docs, terminalId, branchId, e, "received " + reference + ", which HQ addressed to " + owner);
            return;
        }
        BigDecimal received = p.hasNonNull("received") ? PayloadValidator.decimal(p.get("received"))
                : PayloadValidator.decimal(p.get("quantity"));
        BigDecimal damaged = p.hasNonNull("damaged") ? PayloadValidator.decimal(p.get("damaged")) : BigDecimal.ZERO;
        docs.update("insert into stock_document_line (reference, sku, expected_qty, received_qty, damaged_qty) values (?, ?, 0, ?, ?) "
                + "on conflict (reference, sku) do update set received_qty = coalesce(stock_document_line.received_qty, 0) + excluded.received_qty, "
                + "damaged_qty = coalesce(stock_document_line.damaged_qty, 0) + excluded.damaged_qty",
                reference, p.get("sku").asText(), received, damaged);
        if ("CANCELLED".equals(status) && "TRANSFER".equals(docKind)) {
            // received offline before the recall reached the branch: the goods are here, not on their way back
            flag(docs, terminalId, branchId, e, "received " + reference + ", a transfer HQ had recalled; the goods are in "
                    + branchId + "'s stock, so its return " + StockDocuments.returnReference(reference)
                    + " must not be received at the sender");
        } else if ("CANCELLED".equals(status)) {
            // received offline before the cancellation reached the branch: the goods are in its stock
            flag(docs, terminalId, branchId, e, "received " + reference + ", a purchase order HQ had cancelled; "
                    + "the goods are in the branch's stock, settle them with the supplier");
        } else if (!"RECEIVED".equals(status)) {
            docs.update("update stock_document set status = 'RECEIVED', received_at = ?, received_event = ?::uuid where reference = ?",
                    Timestamp.from(e.occurredAt()), e.eventId(), reference);
            docs.publish(reference);
        }
    }

    /** The sender's number of lines (a number or numeric text), or null when absent or unreadable. */
    private static Integer lineCount(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asInt();
        }
        if (n.isTextual() && n.asText().matches("[0-9]{1,6}")) {
            return Integer.valueOf(n.asText());
        }
        return null;
    }

    private static void flag(StockDocuments docs, String terminalId, String branchId, WireEvent e, String detail) throws SQLException {
        docs.update("insert into flag (terminal_id, branch_id, kind, event_id, detail) values (?, ?, 'STOCK_ROUTING', ?::uuid, ?)",
                terminalId, branchId, e.eventId(), detail);
    }
}
