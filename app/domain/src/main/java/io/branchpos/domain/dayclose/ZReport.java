package io.branchpos.domain.dayclose;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.TenderVariance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of one business day at one terminal. An X report is the same figures read at any
 * time ({@code zNumber == 0}, nothing signed); a Z report is numbered, counted and signed off.
 */
public record ZReport(
        String terminalId,
        long zNumber,
        LocalDate businessDay,
        Instant printedAt,
        long firstSeq,
        long lastSeq,
        long eventCount,
        long salesCount,
        long refundsCount,
        long voidsCount,
        long noSalesCount,
        Money gross,
        Money net,
        Money tax,
        Money discounts,
        Money refunds,
        List<TaxTotal> taxes,
        Map<Tender, Money> tenders,
        List<CashierTotal> cashiers,
        Money openingFloat,
        Money payIns,
        Money payOuts,
        Money drops,
        List<TenderVariance> variances,
        String varianceReason,
        String signedOffBy,
        long unsyncedEvents) {

    /** Taxes of one rate. */
    public record TaxTotal(String code, String rate, Money net, Money tax, Money gross) {
    }

    /** Sales of one cashier. */
    public record CashierTotal(String cashierId, long sales, Money gross) {
    }

    public boolean isZ() {
        return zNumber > 0;
    }

    /** True when HQ has acknowledged every event this report covers. */
    public boolean fullySynced() {
        return unsyncedEvents == 0;
    }
}
