package io.branchpos.store.stock;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.domain.stock.CountReconciliation;
import io.branchpos.domain.stock.MovementKind;
import io.branchpos.domain.stock.StockKey;
import io.branchpos.domain.stock.StockMovement;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.report.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Applies the stock kinds of HQ's branch feed inside the feed page's transaction (invariant 6):
 * <ul>
 * <li>{@code PURCHASE_ORDER} and {@code TRANSFER_IN}: announced deliveries ({@code expected_delivery})
 *     to receive against; status {@code RECEIVED} (another terminal of the branch received it) closes them;
 *     a purchase order HQ {@code CANCELLED} is no longer offered (goods that come anyway are a free receipt
 *     under its reference, which HQ flags);</li>
 * <li>{@code STOCK_BASELINE}: "at instant t there were n" becomes one journaled BASELINE movement of
 *     {@code n - onHand(at t)}, dated t, so sales after t are kept (reconciled like a count, invariant 7);
 *     applied once per baseline id;</li>
 * <li>{@code PRODUCT}: only the optional {@code cost} field, kept in {@code product_cost} for valuation.</li>
 * </ul>
 */
public final class StockFeedApplier {
    public static final String PURCHASE_ORDER = "PURCHASE_ORDER";
    public static final String TRANSFER_IN = "TRANSFER_IN";
    public static final String STOCK_BASELINE = "STOCK_BASELINE";
    /** The user id recorded on movements HQ caused. */
    public static final String HQ_USER = "HQ";

    /** One change as the feed carries it: kind, key (SKU for products) and the whole state, parsed once by the feed apply. */
    public record Change(String kind, String key, JsonNode data) {
    }

    private final StockRepository stock;

    public StockFeedApplier(StockRepository stock) {
        this.stock = stock;
    }

    /** Applies the stock-related changes of one page, in the page's transaction; other kinds are skipped. */
    public void apply(WriteContext ctx, List<Change> changes) {
        Boolean haveCosts = null;
        for (Change ch : changes) {
            try {
                switch (ch.kind()) {
                    case PURCHASE_ORDER -> delivery(ctx, "PO", ch.data());
                    case TRANSFER_IN -> delivery(ctx, "TRANSFER", ch.data());
                    case STOCK_BASELINE -> baseline(ctx, ch.data());
                    case "PRODUCT" -> {
                        if (ch.data().has("cost")) {
                            JsonNode cost = ch.data().path("cost");
                            if (cost.isNull() || cost.isMissingNode()) {
                                Sql.update(ctx.session(), "DELETE FROM product_cost WHERE sku = ?", ch.key());
                            } else {
                                Sql.update(ctx.session(), "MERGE INTO product_cost(sku, cost) KEY(sku) VALUES (?, ?)",
                                        ch.key(), new BigDecimal(cost.asText()));
                                haveCosts = true;
                            }
                        } else {
                            if (haveCosts == null) {
                                haveCosts = !Sql.query(ctx.session(), "SELECT 1 FROM product_cost LIMIT 1", rs -> 1).isEmpty();
                            }
                            if (haveCosts) {
                                Sql.update(ctx.session(), "DELETE FROM product_cost WHERE sku = ?", ch.key());
                            }
                        }
                    }
                    default -> {
                        // not a stock kind
                    }
                }
            } catch (RuntimeException e) {
                if (e instanceof StoreException se) {
                    throw se;
                }
                throw new StoreException("HQ sent an unreadable " + ch.kind() + " change " + ch.key() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void delivery(WriteContext ctx, String kind, JsonNode d) {
        Session s = ctx.session();
        String reference = d.path("reference").asText();
        if ("CANCELLED".equals(d.path("status").asText())) {
            // HQ cancelled the order: no longer offered; kept if this till already received it
            Sql.update(s, "DELETE FROM expected_delivery WHERE reference = ? AND received_at IS NULL", reference);
            return;
        }
        for (JsonNode line : d.path("lines")) {
            Sql.update(s, "MERGE INTO expected_delivery(reference, kind, source, sku, expected_qty, origin) KEY(reference, sku)"
                    + " VALUES (?,?,?,?,?,'FEED')", reference, kind, d.path("source").asText(), line.path("sku").asText(),
                    new BigDecimal(line.path("quantity").asText()));
        }
        if ("RECEIVED".equals(d.path("status").asText())) {
            // received at another terminal of this branch: no longer offered here
            Sql.update(s, "UPDATE expected_delivery SET received_at = COALESCE(received_at, ?) WHERE reference = ?",
                    ctx.now(), reference);
        }
    }

    private void baseline(WriteContext ctx, JsonNode d) {
        Session s = ctx.session();
        String reference = "BL-" + d.path("baselineId").asText();
        boolean applied = !Sql.query(s, "SELECT 1 FROM stock_movement WHERE kind = 'BASELINE' AND reference = ?",
                rs -> 1, reference).isEmpty();
        if (applied) {
            return;
        }
        String sku = d.path("sku").asText();
        BigDecimal quantity = new BigDecimal(d.path("quantity").asText());
        Instant asOf = Instant.parse(d.path("asOf").asText());
        List<StockMovement> history = StockRepository.movements(s, sku, StockRepository.STORE);
        BigDecimal adjustment = CountReconciliation.adjustment(history, new StockKey(sku, StockRepository.STORE), quantity, asOf);
        stock.record(ctx, new StockMovement(sku, StockRepository.STORE, adjustment, MovementKind.BASELINE, asOf, reference, null),
                HQ_USER, Map.of("baseline", quantity.stripTrailingZeros().toPlainString(), "asOf", asOf.toString()));
    }
}
