package io.branchpos.domain.sale;

/** How a customer pays. Only cash gives change; cards are recorded by the external terminal's reference. */
public enum Tender {
    CASH, CARD, VOUCHER, STORE_CREDIT;

    public boolean givesChange() {
        return this == CASH;
    }
}
