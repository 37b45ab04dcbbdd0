package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.PricingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A paid sale, ready to be committed with its journal event. Built only from a ticket whose
 * settlement is complete, so an unpaid sale cannot be recorded as sold.
 */
public record CompletedSale(
        UUID saleId,
        String cashierId,
        Instant completedAt,
        PricingMode pricing,
        List<TicketLine> lines,
        SaleTotals totals,
        List<Payment> payments,
        Money change,
        Money cashRounding,
        List<Approval> approvals) {

    public CompletedSale {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(cashierId, "cashierId");
        Objects.requireNonNull(completedAt, "completedAt");
        if (lines.size() != totals.lines().size()) {
            throw new IllegalArgumentException("lines and totals do not match");
        }
    }

    /** Freezes {@code ticket} as paid by {@code settlement}; fails if the settlement is not complete. */
    public static CompletedSale of(Ticket ticket, Settlement settlement, String cashierId, Instant completedAt) {
        if (ticket.isEmpty()) {
            throw new IllegalStateException("an empty ticket cannot be paid");
        }
        SaleTotals totals = ticket.totals();
        if (!settlement.due().equals(totals.gross())) {
            throw new IllegalStateException("the settlement is for " + settlement.due() + " but the ticket totals "
                    + totals.gross());
        }
        if (!settlement.isSettled()) {
            throw new IllegalStateException("the sale is not fully paid: " + settlement.remaining() + " left");
        }
        return new CompletedSale(ticket.saleId(), cashierId, completedAt, ticket.calculator().pricing(),
                ticket.activeLines(), totals, settlement.payments(), settlement.change(),
                settlement.cashRoundingAdjustment(), ticket.approvals());
    }

    public String currencyCode() {
        return totals.gross().currency().getCurrencyCode();
    }

    /** What the customer paid in the end: gross plus cash rounding. */
    public Money amountPaid() {
        return totals.gross().plus(cashRounding);
    }
}
