package io.branchpos.desktop.checkout;

import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.store.park.ParkedSales;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the cashier screen writes and reads besides the catalog. Every method may block on the
 * database: call it on the store executor, never on the FX thread.
 */
public interface CheckoutStore {
    /** The open till session of this terminal; selling needs one (a counted float). */
    Optional<UUID> openTillSession();

    boolean isSerialSold(String sku, String serial);

    ParkedSales.Summary park(Ticket ticket, String cashierId);

    List<ParkedSales.Summary> parked();

    Optional<Ticket> recall(UUID saleId, SaleCalculator calculator);

    void voidSale(UUID saleId, String reason, String userId, String approvedBy);

    void noSale(UUID tillSessionId, String userId, String reason, String approvedBy);
}
