package io.branchpos.domain.auth;

/** Something a signed-in user may do at the till. Roles grant sets of these. */
public enum Permission {
    /** Ring up and take payment for sales, park and recall them. */
    SELL,
    /** Return items against a receipt. */
    REFUND_WITH_RECEIPT,
    /** Approve what a cashier may not do alone: overrides, large discounts, voids, returns without receipt. */
    APPROVE_OVERRIDES,
    /** Open the cash drawer without a sale. */
    NO_SALE,
    /** Void a whole open or parked sale. */
    VOID_SALE,
    /** Open/close the till, reports, stock (the manager screens). */
    MANAGE_BRANCH
}
