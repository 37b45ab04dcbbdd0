package io.branchpos.store.till;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.DrawerBalance;
import io.branchpos.domain.till.TillSession;
import io.branchpos.store.report.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import org.hibernate.Session;

/** Builds the {@link DrawerBalance} of one business day at one terminal from what is stored. */
public final class ExpectedCashQuery {
    private ExpectedCashQuery() {
    }

    public static DrawerBalance balance(Session s, String terminal, LocalDate day, Currency currency) {
        Money openingFloat = CashRepository.sessions(s, terminal, day).stream().map(TillSession::openingFloat)
                .reduce(Money.zero(currency), Money::plus);
        DrawerBalance b = new DrawerBalance(openingFloat);
        Sql.query(s, "SELECT p.tender, SUM(p.amount) FROM payment p JOIN sale s ON s.sale_id = p.sale_id"
                + " WHERE s.terminal_id = ? AND s.business_day = ? GROUP BY p.tender", rs -> {
                    b.sale(Tender.valueOf(rs.getString(1)), money(rs.getBigDecimal(2), currency));
                    return null;
                }, terminal, day);
        // cash tendered includes the change handed back; only the rest stayed in the drawer
        BigDecimal change = Sql.query(s, "SELECT COALESCE(SUM(change_given), 0) FROM sale WHERE terminal_id = ?"
                + " AND business_day = ?", rs -> rs.getBigDecimal(1), terminal, day).get(0);
        if (change.signum() != 0) {
            b.sale(Tender.CASH, money(change, currency).negate());
        }
        Sql.query(s, "SELECT p.tender, SUM(p.amount) FROM refund_payment p JOIN refund r ON r.refund_id = p.refund_id"
                + " WHERE r.terminal_id = ? AND r.business_day = ? GROUP BY p.tender", rs -> {
                    b.refund(Tender.valueOf(rs.getString(1)), money(rs.getBigDecimal(2), currency));
                    return null;
                }, terminal, day);
        for (CashRepository.Recorded m : CashRepository.movements(s, terminal, day)) {
            b.movement(new CashMovement(m.kind(), m.amount(), m.reason()));
        }
        return b;
    }

    static Money money(BigDecimal v, Currency c) {
        return Money.rounded(v, c, RoundingMode.UNNECESSARY);
    }
}
