package io.branchpos.store.sale;

import java.time.LocalDate;
import java.util.UUID;

/** What the store answers once a sale is durably committed: the cashier may now see "Paid". */
public record SaleReceipt(UUID saleId, String receiptNumber, LocalDate businessDay, long journalSeq) {
}
