package io.branchpos.store.sale;

import io.branchpos.domain.sale.Tender;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A return against a receipt: which original lines, how many, and how the money goes back.
 *
 * @param lines original line number → quantity to refund
 */
public record RefundRequest(
        String receiptNumber,
        Map<Integer, BigDecimal> lines,
        Tender tender,
        String tenderReference,
        String cashierId,
        String approvedBy,
        String reason) {

    public RefundRequest {
        Objects.requireNonNull(receiptNumber, "receiptNumber");
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(cashierId, "cashierId");
        lines = Map.copyOf(lines);
    }
}
