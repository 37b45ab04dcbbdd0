package io.branchpos.domain.dayclose;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.TenderVariance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as fixed-width text lines: the one layout shared by the receipt printer, the PDF and
 * the screen, so the three can never disagree.
 */
public final class ZReportText {
    private ZReportText() {
    }

    public static List<String> lines(ZReport r, int width) {
        List<String> out = new ArrayList<>();
        out.add(center(r.isZ() ? "Z REPORT  #" + r.zNumber() : "X REPORT (no reset)", width));
        out.add(pair("Terminal", r.terminalId(), width));
        out.add(pair("Business day", r.businessDay().toString(), width));
        out.add(pair("Printed", r.printedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), width));
        out.add(pair("Journal seq", r.firstSeq() + " - " + r.lastSeq() + " (" + r.eventCount() + ")", width));
        out.add("-".repeat(width));
        out.add(pair("Sales", String.valueOf(r.salesCount()), width));
        out.add(pair("Gross sales", m(r.gross()), width));
        out.add(pair("Net sales", m(r.net()), width));
        out.add(pair("Tax", m(r.tax()), width));
        out.add(pair("Discounts", m(r.discounts()), width));
        out.add(pair("Returns (" + r.refundsCount() + ")", m(r.refunds()), width));
        out.add(pair("Voids", String.valueOf(r.voidsCount()), width));
        out.add(pair("No sales", String.valueOf(r.noSalesCount()), width));
        out.add("-".repeat(width));
        out.add("TAX PER RATE");
        for (ZReport.TaxTotal t : r.taxes()) {
            out.add(pair(" " + t.code() + " " + t.rate() + "%", m(t.net()) + " / " + m(t.tax()), width));
        }
        out.add("TENDERS");
        for (Map.Entry<Tender, Money> e : r.tenders().entrySet()) {
            out.add(pair(" " + e.getKey(), m(e.getValue()), width));
        }
        out.add("CASHIERS");
        for (ZReport.CashierTotal c : r.cashiers()) {
            out.add(pair(" " + c.cashierId() + " (" + c.sales() + ")", m(c.gross()), width));
        }
        out.add("CASH");
        out.add(pair(" Float", m(r.openingFloat()), width));
        out.add(pair(" Pay-ins", m(r.payIns()), width));
        out.add(pair(" Pay-outs", m(r.payOuts()), width));
        out.add(pair(" Drops", m(r.drops()), width));
        if (!r.variances().isEmpty()) {
            out.add("-".repeat(width));
            out.add("COUNT  expected / counted / variance");
            for (TenderVariance v : r.variances()) {
                out.add(pair(" " + v.tender(), m(v.expected()) + " / " + m(v.counted()) + " / " + m(v.variance()),
                        width));
            }
            if (r.varianceReason() != null && !r.varianceReason().isBlank()) {
                out.add(" Reason: " + r.varianceReason());
            }
        }
        out.add("-".repeat(width));
        out.add(pair("HQ sync", r.fullySynced() ? "all acknowledged" : r.unsyncedEvents() + " pending", width));
        if (r.signedOffBy() != null) {
            out.add(pair("Signed off by", r.signedOffBy(), width));
        }
        return out;
    }

    private static String m(Money money) {
        return money.toPlainString();
    }

    private static String pair(String left, String right, int width) {
        int pad = width - left.length() - right.length();
        return pad >= 1 ? left + " ".repeat(pad) + right : left + " " + right;
    }

    private static String center(String s, int width) {
        int pad = Math.max(0, (width - s.length()) / 2);
        return " ".repeat(pad) + s;
    }
}
