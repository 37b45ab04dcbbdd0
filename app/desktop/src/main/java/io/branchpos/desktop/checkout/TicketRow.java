package io.branchpos.desktop.checkout;

/** One ticket line as the table shows it. */
public record TicketRow(int lineNo, String quantity, String name, String detail, String unitPrice, String total,
        boolean voided) {
}
