package io.branchpos.domain.stock;

/**
 * Why stock moved. SALE and REFUND are derived from sale and refund lines (never written twice);
 * the others are journaled as {@code STOCK_MOVEMENT} events.
 */
public enum MovementKind {
    SALE, REFUND, RECEIPT, ADJUSTMENT, TRANSFER_OUT, TRANSFER_IN, COUNT,
    /** HQ's on-hand figure at an instant (feed kind STOCK_BASELINE), reconciled by time like a count. */
    BASELINE;

    /** True for the kinds that are journaled as STOCK_MOVEMENT (not derived from sales). */
    public boolean isJournaled() {
        return this != SALE && this != REFUND;
    }
}
