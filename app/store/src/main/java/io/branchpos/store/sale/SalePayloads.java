package io.branchpos.store.sale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Approval;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.RefundedLine;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.TaxLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Journal payloads of sales and refunds, exactly as docs/journal-events.md describes them. */
final class SalePayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SalePayloads() {
    }

    static String money(Money m) {
        return m.toPlainString();
    }

    static String qty(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }

    static ObjectNode saleCompleted(CompletedSale sale, String receiptNumber) {
        ObjectNode root = JSON.createObjectNode();
        root.put("saleId", sale.saleId().toString());
        root.put("receiptNumber", receiptNumber);
        root.put("cashierId", sale.cashierId());
        root.put("currency", sale.currencyCode());
        root.put("pricing", sale.pricing().name());
        root.put("completedAt", sale.completedAt().toString());
        ArrayNode lines = root.putArray("lines");
        for (int i = 0; i < sale.lines().size(); i++) {
            TicketLine l = sale.lines().get(i);
            LineTotal t = sale.totals().lines().get(i);
            ObjectNode n = lines.addObject();
            n.put("lineNo", l.lineNo());
            n.put("sku", l.product().sku().value());
            n.put("description", l.product().name());
            n.put("quantity", qty(l.quantity()));
            n.put("unitPrice", money(l.unitPrice()));
            n.put("discount", money(t.totalDiscount()));
            n.put("taxCode", t.taxRate().code());
            n.put("taxRate", t.taxRate().percent().stripTrailingZeros().toPlainString());
            n.put("net", money(t.net()));
            n.put("tax", money(t.tax()));
            n.put("gross", money(t.gross()));
            n.put("serial", l.serial());
            n.put("priceOverride", l.priceOverridden() ? money(l.listPrice()) : null);
            // optional (issue 6): which HQ price and promotion versions the till used; absent when none
            if (l.priceVersion() != null && !l.priceOverridden()) {
                n.put("priceVersion", l.priceVersion());
            }
            if (l.promotion() != null) {
                n.put("promotionId", l.promotion().promotionId());
                n.put("promotionVersion", l.promotion().version());
                n.put("promotionDiscount", money(t.promotionDiscount()));
            }
        }
        root.put("receiptDiscount", money(sale.totals().receiptDiscount()));
        ArrayNode taxes = root.putArray("taxes");
        for (TaxLine t : sale.totals().taxes()) {
            ObjectNode n = taxes.addObject();
            n.put("code", t.rate().code());
            n.put("rate", t.rate().percent().stripTrailingZeros().toPlainString());
            n.put("net", money(t.net()));
            n.put("tax", money(t.tax()));
            n.put("gross", money(t.gross()));
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("net", money(sale.totals().net()));
        totals.put("tax", money(sale.totals().tax()));
        totals.put("gross", money(sale.totals().gross()));
        totals.put("cashRounding", money(sale.cashRounding()));
        totals.put("due", money(sale.amountPaid()));
        ArrayNode payments = root.putArray("payments");
        boolean changeAssigned = false;
        for (Payment p : sale.payments()) {
            ObjectNode n = payments.addObject();
            n.put("tender", p.tender().name());
            n.put("amount", money(p.amount()));
            boolean takesChange = p.tender().givesChange() && !changeAssigned;
            n.put("change", money(takesChange ? sale.change() : Money.zero(p.amount().currency())));
            changeAssigned |= takesChange;
            n.put("reference", p.reference());
        }
        ArrayNode approvals = root.putArray("approvals");
        for (Approval a : sale.approvals()) {
            ObjectNode n = approvals.addObject();
            n.put("action", a.action());
            if (a.lineNo() != null) {
                n.put("lineNo", a.lineNo());
            }
            n.put("approvedBy", a.approvedBy());
            n.put("reason", a.reason());
        }
        return root;
    }

    static ObjectNode refundCompleted(UUID refundId, UUID originalSaleId, String originalReceipt, String currency,
            RefundRequest req, List<RefundedLine> lines, Money total) {
        ObjectNode root = JSON.createObjectNode();
        root.put("refundId", refundId.toString());
        root.put("originalSaleId", originalSaleId == null ? null : originalSaleId.toString());
        root.put("originalReceiptNumber", originalReceipt);
        root.put("currency", currency);
        root.put("cashierId", req.cashierId());
        root.put("approvedBy", req.approvedBy());
        root.put("reason", req.reason());
        ArrayNode arr = root.putArray("lines");
        for (RefundedLine l : lines) {
            ObjectNode n = arr.addObject();
            n.put("originalLineNo", l.originalLineNo());
            n.put("sku", l.sku().value());
            n.put("quantity", qty(l.quantity()));
            n.put("gross", money(l.gross()));
            n.put("tax", money(l.tax()));
        }
        root.put("total", money(total));
        ObjectNode pay = root.putArray("payments").addObject();
        pay.put("tender", req.tender().name());
        pay.put("amount", money(total));
        pay.put("reference", req.tenderReference());
        return root;
    }
}
