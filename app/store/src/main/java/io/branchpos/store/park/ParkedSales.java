package io.branchpos.store.park;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Approval;
import io.branchpos.domain.sale.Discount;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Parked sales: put aside (SALE_PARKED), recalled (SALE_RECALLED) or abandoned (SALE_VOIDED),
 * each in one durable transaction with its journal event. A parked ticket keeps its products as
 * they were rung up, so it survives a restart and a catalog update unchanged.
 */
public final class ParkedSales {
    public static final String SALE_PARKED = "SALE_PARKED";
    public static final String SALE_RECALLED = "SALE_RECALLED";
    public static final String SALE_VOIDED = "SALE_VOIDED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;

    public ParkedSales(LocalStore store) {
        this.store = store;
    }

    /** One parked sale as the recall list shows it. */
    public record Summary(UUID saleId, String cashierId, Instant parkedAt, int lineCount, Money total) {
    }

    /** Parks {@code ticket}. It must not be empty. */
    public Summary park(Ticket ticket, String cashierId) {
        if (ticket.isEmpty()) {
            throw new IllegalArgumentException("an empty ticket cannot be parked");
        }
        Money total = ticket.totalDue();
        int lines = ticket.activeLines().size();
        String json = toJson(ticket);
        return store.write(ctx -> {
            ctx.journal(SALE_PARKED, 1, payload(ticket.saleId(), lines, total));
            Instant now = ctx.now();
            ctx.session().createNativeMutationQuery("INSERT INTO parked_sale(sale_id, cashier_id, parked_at,"
                    + " line_count, currency, total, ticket) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                    .setParameter(1, ticket.saleId()).setParameter(2, cashierId)
                    .setParameter(3, Timestamp.from(now)).setParameter(4, lines)
                    .setParameter(5, total.currency().getCurrencyCode()).setParameter(6, total.amount())
                    .setParameter(7, json).executeUpdate();
            return new Summary(ticket.saleId(), cashierId, now, lines, total);
        });
    }

    /** The parked sales, oldest first. */
    public List<Summary> list() {
        return store.jdbc(c -> {
            List<Summary> out = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sale_id, cashier_id, parked_at,"
                    + " line_count, currency, total FROM parked_sale ORDER BY parked_at, sale_id")) {
                while (rs.next()) {
                    Currency cur = Currency.getInstance(rs.getString(5));
                    out.add(new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getInt(4), money(rs.getBigDecimal(6), cur)));
                }
            }
            return out;
        });
    }

    /**
     * Takes a parked sale back: removes it from the parked list and returns the ticket, priced by
     * {@code calculator}. Empty if another recall (or a void) took it first.
     */
    public Optional<Ticket> recall(UUID saleId, SaleCalculator calculator) {
        return store.write(ctx -> {
            Optional<String> json = take(ctx, saleId);
            if (json.isEmpty()) {
                return Optional.<Ticket>empty();
            }
            Ticket ticket = fromJson(saleId, json.get(), calculator);
            ctx.journal(SALE_RECALLED, 1, payload(saleId, ticket.activeLines().size(), ticket.totalDue()));
            return Optional.of(ticket);
        });
    }

    /**
     * Abandons a whole sale — open on the screen or parked — with a reason (SALE_VOIDED). A parked
     * one is removed from the parked list in the same transaction.
     */
    public void voidSale(UUID saleId, String reason, String userId, String approvedBy) {
        store.write(ctx -> {
            take(ctx, saleId);
            ObjectNode p = JSON.createObjectNode();
            p.put("saleId", saleId.toString());
            p.put("reason", reason);
            p.put("userId", userId);
            p.put("approvedBy", approvedBy);
            ctx.journal(SALE_VOIDED, 1, p);
            return null;
        });
    }

    private static Optional<String> take(WriteContext ctx, UUID saleId) {
        List<?> rows = ctx.session().createNativeQuery("SELECT ticket FROM parked_sale WHERE sale_id = ?1 FOR UPDATE",
                Object.class).setParameter(1, saleId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ctx.session().createNativeMutationQuery("DELETE FROM parked_sale WHERE sale_id = ?1")
                .setParameter(1, saleId).executeUpdate();
        Object v = rows.get(0);
        try {
            return Optional.of(v instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : v.toString());
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot read parked sale " + saleId, e);
        }
    }

    private static ObjectNode payload(UUID saleId, int lineCount, Money total) {
        ObjectNode p = JSON.createObjectNode();
        p.put("saleId", saleId.toString());
        p.put("lineCount", lineCount);
        p.put("total", total.toPlainString());
        return p;
    }

    static String toJson(Ticket t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("saleId", t.saleId().toString());
        root.set("receiptDiscount", discount(t.receiptDiscount()));
        ArrayNode lines = root.putArray("lines");
        for (TicketLine l : t.lines()) {
            ObjectNode n = lines.addObject();
            Product p = l.product();
            n.put("lineNo", l.lineNo());
            n.put("sku", p.sku().value());
            n.put("name", p.name());
            n.put("category", p.category());
            n.put("taxCode", p.taxRate().code());
            n.put("taxRate", p.taxRate().percent().toPlainString());
            n.put("unit", p.unit().name());
            n.put("currency", l.listPrice().currency().getCurrencyCode());
            n.put("listPrice", l.listPrice().toPlainString());
            n.put("unitPrice", l.unitPrice().toPlainString());
            n.put("serialized", p.serialized());
            n.put("quantity", l.quantity().toPlainString());
            n.set("discount", discount(l.discount()));
            n.put("serial", l.serial());
            n.put("voided", l.voided());
            if (l.priceVersion() != null) {
                n.put("priceVersion", l.priceVersion()); // HQ's price the line was rung up with (the sale event records it)
            }
        }
        ArrayNode approvals = root.putArray("approvals");
        for (Approval a : t.approvals()) {
            ObjectNode n = approvals.addObject();
            n.put("action", a.action());
            if (a.lineNo() != null) {
                n.put("lineNo", a.lineNo());
            }
            n.put("approvedBy", a.approvedBy());
            n.put("reason", a.reason());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise a parked ticket", e);
        }
    }

    private static ObjectNode discount(Discount d) {
        ObjectNode n = JSON.createObjectNode();
        if (d instanceof Discount.Percent p) {
            n.put("percent", p.value().toPlainString());
        } else if (d instanceof Discount.Amount a) {
            n.put("amount", a.value().toPlainString());
        }
        return n;
    }

    private static Discount discount(JsonNode n, Currency cur) {
        if (n.has("amount")) {
            return Discount.amount(Money.of(n.get("amount").asText(), cur));
        }
        return n.has("percent") ? Discount.percent(n.get("percent").asText()) : Discount.NONE;
    }

    static Ticket fromJson(UUID saleId, String json, SaleCalculator calculator) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("parked sale " + saleId + " is unreadable", e);
        }
        Currency cur = calculator.currency();
        Ticket t = new Ticket(saleId, calculator);
        for (JsonNode n : root.get("lines")) {
            Currency lineCur = Currency.getInstance(n.get("currency").asText());
            Money list = Money.of(n.get("listPrice").asText(), lineCur);
            Product p = new Product(new Sku(n.get("sku").asText()), n.get("name").asText(), n.get("category").asText(),
                    new TaxRate(n.get("taxCode").asText(), new BigDecimal(n.get("taxRate").asText())),
                    UnitOfMeasure.valueOf(n.get("unit").asText()), list, true, n.get("serialized").asBoolean());
            String serial = n.get("serial").isNull() ? null : n.get("serial").asText();
            Long priceVersion = n.hasNonNull("priceVersion") ? n.get("priceVersion").asLong() : null; // older parks have none
            TicketLine line = t.add(p, new BigDecimal(n.get("quantity").asText()), list, serial, priceVersion);
            Money unit = Money.of(n.get("unitPrice").asText(), lineCur);
            if (!unit.equals(list)) {
                t.overridePrice(line.lineNo(), unit, null);
            }
            Discount d = discount(n.get("discount"), lineCur);
            if (!d.isNone()) {
                t.setLineDiscount(line.lineNo(), d, null);
            }
            if (n.get("voided").asBoolean()) {
                t.voidLine(line.lineNo());
            }
        }
        Discount rd = discount(root.get("receiptDiscount"), cur);
        if (!rd.isNone()) {
            t.setReceiptDiscount(rd, null);
        }
        for (JsonNode a : root.get("approvals")) {
            t.restoreApproval(new Approval(a.get("action").asText(), a.has("lineNo") ? a.get("lineNo").asInt() : null,
                    a.get("approvedBy").asText(), a.get("reason").isNull() ? null : a.get("reason").asText()));
        }
        return t;
    }

    private static Money money(BigDecimal amount, Currency cur) {
        return Money.of(amount.setScale(Math.max(cur.getDefaultFractionDigits(), 0), java.math.RoundingMode.UNNECESSARY),
                cur);
    }
}
