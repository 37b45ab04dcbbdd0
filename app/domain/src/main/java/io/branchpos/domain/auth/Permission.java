package io.branchpos.domain.auth;

/**
 * Something a signed-in user may do at the till. Roles grant sets of these ({@link Role}). Each
 * manager function has its own permission, so a supervisor can receive a delivery without being
 * able to close the day. {@link #doing()} names the action for refusal messages.
 */
public enum Permission {
    /** Ring up and take payment for sales, park and recall them. */
    SELL("sell"),
    /** Return items against a receipt. */
    REFUND_WITH_RECEIPT("refund against a receipt"),
    /** Approve what a cashier may not do alone: overrides, large discounts, voids, returns without receipt. */
    APPROVE_OVERRIDES("approve overrides"),
    /** Open the cash drawer without a sale. */
    NO_SALE("open the drawer without a sale"),
    /** Void a whole open or parked sale. */
    VOID_SALE("void a sale"),
    /** Pay cash out of (or into) the till, drop cash to the safe. */
    CASH_MOVEMENTS("record pay-outs, pay-ins and safe drops"),
    /** Close the business day: blind count, variance, sign-off, Z report. */
    CLOSE_DAY("close the day (Z report)"),
    /** Stock adjustments, reorder points and transfers to another branch. */
    ADJUST_STOCK("adjust stock or send transfers"),
    /** Receive deliveries (purchase orders, incoming transfers, free receipts). */
    RECEIVE_STOCK("receive stock"),
    /** Start and post stock counts (anyone may scan into a running count). */
    COUNT_STOCK("start or post a stock count"),
    /** The reports: charts, stock valuation, audit trail, CSV export. */
    VIEW_REPORTS("see the reports"),
    /** Everything else of the manager screens (branch settings). */
    MANAGE_BRANCH("manage the branch");

    private final String doing;

    Permission(String doing) {
        this.doing = doing;
    }

    /** What the permission allows, as words for "may not ...". */
    public String doing() {
        return doing;
    }
}
