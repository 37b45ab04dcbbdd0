package io.branchpos.store.dayclose;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.CashCount;
import java.util.Map;
import java.util.Objects;

/**
 * What the manager enters to close the day: the blind cash count by denomination, the totals of
 * the other tenders (card slips, vouchers), a reason if a variance is over the threshold, and who
 * signs off.
 */
public record CloseRequest(CashCount cash, Map<Tender, Money> otherTenders, String varianceReason,
        String signedOffBy) {
    public CloseRequest {
        Objects.requireNonNull(cash, "cash");
        otherTenders = Map.copyOf(otherTenders);
        if (otherTenders.containsKey(Tender.CASH)) {
            throw new IllegalArgumentException("cash is counted by denomination, not as a total");
        }
        if (signedOffBy == null || signedOffBy.isBlank()) {
            throw new IllegalArgumentException("a day close needs the manager's sign-off");
        }
    }
}
