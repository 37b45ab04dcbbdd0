package io.branchpos.desktop.receipt;

import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.store.sale.SaleReceipt;
import java.util.Objects;

/** Everything a sale receipt shows. {@code copy}: a reprint, marked COPY. */
public record ReceiptData(CompletedSale sale, SaleReceipt receipt, String storeName, String terminalId,
        String cashierName, boolean copy) {
    public ReceiptData {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(receipt, "receipt");
    }

    public ReceiptData asCopy() {
        return new ReceiptData(sale, receipt, storeName, terminalId, cashierName, true);
    }
}
