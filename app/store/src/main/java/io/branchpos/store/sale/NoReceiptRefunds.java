package io.branchpos.store.sale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.RefundedLine;
import io.branchpos.store.LocalStore;
import io.branchpos.store.journal.JournalEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Returns without a receipt ({@code REFUND_COMPLETED} with {@code originalSaleId: null} and
 * {@code approvedBy}, see docs/journal-events.md): priced at the current shelf price, tax taken
 * out of the inclusive price per line, committed with their event in one durable transaction.
 */
public final class NoReceiptRefunds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalStore store;

    public NoReceiptRefunds(LocalStore store) {
        this.store = store;
    }

    public RefundReceipt refund(NoReceiptRefund req) {
        List<RefundedLine> lines = new ArrayList<>();
        int no = 1;
        Money total = null;
        for (NoReceiptRefund.Line l : req.lines()) {
            Money gross = l.product().price().times(l.quantity(), RoundingMode.HALF_UP);
            BigDecimal rate = l.product().taxRate().percent();
            Money tax = gross.times(rate.divide(rate.add(BigDecimal.valueOf(100)), 12, RoundingMode.HALF_EVEN),
                    RoundingMode.HALF_UP);
            lines.add(new RefundedLine(no++, l.product().sku(), l.quantity(), gross, tax));
            total = total == null ? gross : total.plus(gross);
        }
        Money sum = total;
        return store.write(ctx -> {
            UUID refundId = ctx.newId();
            ObjectNode root = JSON.createObjectNode();
            root.put("refundId", refundId.toString());
            root.putNull("originalSaleId");
            root.putNull("originalReceiptNumber");
            root.put("currency", sum.currency().getCurrencyCode());
            root.put("cashierId", req.cashierId());
            root.put("approvedBy", req.approvedBy());
            root.put("reason", req.reason());
            ArrayNode arr = root.putArray("lines");
            for (RefundedLine l : lines) {
                ObjectNode n = arr.addObject();
                n.putNull("originalLineNo");
                n.put("lineNo", l.originalLineNo());
                n.put("sku", l.sku().value());
                n.put("quantity", SalePayloads.qty(l.quantity()));
                n.put("gross", SalePayloads.money(l.gross()));
                n.put("tax", SalePayloads.money(l.tax()));
            }
            root.put("total", SalePayloads.money(sum));
            ObjectNode pay = root.putArray("payments").addObject();
            pay.put("tender", req.tender().name());
            pay.put("amount", SalePayloads.money(sum));
            pay.put("reference", req.tenderReference());
            JournalEvent event = ctx.journal(SalesRepository.REFUND_COMPLETED, 1, root);

            SalesRepository.persistRefund(ctx, refundId, null, req.cashierId(), req.approvedBy(), req.reason(),
                    req.tender(), req.tenderReference(), lines, sum, event.seq());
            return new RefundReceipt(refundId, null, lines, sum, event.seq());
        });
    }
}
