package io.branchpos.store.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.RefundedLine;
import java.util.List;
import java.util.UUID;

/** A durably committed refund. */
public record RefundReceipt(UUID refundId, String originalReceiptNumber, List<RefundedLine> lines, Money total,
        long journalSeq) {
}
