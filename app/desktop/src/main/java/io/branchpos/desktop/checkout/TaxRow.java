package io.branchpos.desktop.checkout;

/** One row of the tax breakdown under the ticket. */
public record TaxRow(String rate, String net, String tax, String gross) {
}
