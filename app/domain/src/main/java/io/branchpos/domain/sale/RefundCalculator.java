package io.branchpos.domain.sale;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out a (partial) refund against the lines of an original sale, counting earlier refunds.
 * A line can never be refunded beyond its sold quantity, and the refunded amounts of a line
 * never add up to more than the line's gross: the last unit refunded gets exactly what is left.
 */
public final class RefundCalculator {
    private RefundCalculator() {
    }

    /**
     * @param sold           the original sale's lines
     * @param earlier        lines refunded before (any number of earlier refunds)
     * @param requested      original line number → quantity to refund now
     */
    public static List<RefundedLine> refund(List<SoldLine> sold, List<RefundedLine> earlier,
            Map<Integer, BigDecimal> requested) throws RefundRejectedException {
        Map<Integer, SoldLine> byNo = new LinkedHashMap<>();
        for (SoldLine s : sold) {
            byNo.put(s.lineNo(), s);
        }
        Map<Integer, BigDecimal> qtyDone = new HashMap<>();
        Map<Integer, Money> grossDone = new HashMap<>();
        Map<Integer, Money> taxDone = new HashMap<>();
        for (RefundedLine r : earlier) {
            qtyDone.merge(r.originalLineNo(), r.quantity(), BigDecimal::add);
            grossDone.merge(r.originalLineNo(), r.gross(), Money::plus);
            taxDone.merge(r.originalLineNo(), r.tax(), Money::plus);
        }
        if (requested.isEmpty()) {
            throw new RefundRejectedException("choose at least one line to refund");
        }
        List<RefundedLine> result = new ArrayList<>();
        for (Map.Entry<Integer, BigDecimal> e : requested.entrySet()) {
            SoldLine line = byNo.get(e.getKey());
            if (line == null) {
                throw new RefundRejectedException("the receipt has no line " + e.getKey());
            }
            BigDecimal qty = e.getValue();
            if (qty.signum() <= 0) {
                throw new RefundRejectedException("line " + line.lineNo() + ": quantity to refund must be positive");
            }
            BigDecimal done = qtyDone.getOrDefault(line.lineNo(), BigDecimal.ZERO);
            BigDecimal left = line.quantity().subtract(done);
            if (qty.compareTo(left) > 0) {
                throw new RefundRejectedException("line " + line.lineNo() + " (" + line.description() + "): sold "
                        + line.quantity().stripTrailingZeros().toPlainString() + ", already refunded "
                        + done.stripTrailingZeros().toPlainString() + ", so at most "
                        + left.stripTrailingZeros().toPlainString() + " can be refunded");
            }
            Money zero = Money.zero(line.gross().currency());
            Money gross;
            Money tax;
            if (qty.compareTo(left) == 0) {
                gross = line.gross().minus(grossDone.getOrDefault(line.lineNo(), zero));
                tax = line.tax().minus(taxDone.getOrDefault(line.lineNo(), zero));
            } else {
                BigDecimal share = qty.divide(line.quantity(), 12, RoundingMode.HALF_EVEN);
                gross = line.gross().times(share, RoundingMode.DOWN);
                tax = line.tax().times(share, RoundingMode.DOWN);
            }
            result.add(new RefundedLine(line.lineNo(), line.sku(), qty, gross, tax));
        }
        return result;
    }

    public static Money total(List<RefundedLine> lines, Money zero) {
        Money sum = zero;
        for (RefundedLine l : lines) {
            sum = sum.plus(l.gross());
        }
        return sum;
    }
}
