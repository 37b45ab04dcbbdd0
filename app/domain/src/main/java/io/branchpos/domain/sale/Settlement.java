package io.branchpos.domain.sale;

import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Payments against an amount due, in any mix of tenders. Non-cash tenders may not exceed what
 * is still due (no change on a card); cash pays the rest, cash-rounded, and may give change.
 */
public final class Settlement {
    private final Money due;
    private final CashRounding cashRounding;
    private final List<Payment> payments = new ArrayList<>();

    public Settlement(Money due, CashRounding cashRounding) {
        this.due = Objects.requireNonNull(due, "due");
        this.cashRounding = Objects.requireNonNull(cashRounding, "cashRounding");
        if (due.isNegative()) {
            throw new IllegalArgumentException("amount due must not be negative: " + due);
        }
    }

    public Money due() {
        return due;
    }

    public List<Payment> payments() {
        return List.copyOf(payments);
    }

    /** Adds a payment; rejects one that cannot be accepted, leaving the settlement unchanged. */
    public void add(Payment payment) {
        if (!payment.amount().currency().equals(due.currency())) {
            throw new IllegalArgumentException("payment in " + payment.amount().currency() + ", sale in " + due.currency());
        }
        if (isSettled()) {
            throw new IllegalStateException("the sale is already paid");
        }
        if (!payment.tender().givesChange()) {
            Money open = due.minus(nonCash()).minus(cash());
            if (payment.amount().isGreaterThan(open)) {
                throw new IllegalArgumentException(payment.tender() + " " + payment.amount().toPlainString()
                        + " is more than the " + open.toPlainString() + " still due; " + payment.tender()
                        + " gives no change");
            }
        }
        payments.add(payment);
    }

    /** Removes the last payment (the cashier typed a wrong amount). */
    public void removeLast() {
        if (!payments.isEmpty()) {
            payments.remove(payments.size() - 1);
        }
    }

    private Money nonCash() {
        Money sum = Money.zero(due.currency());
        for (Payment p : payments) {
            if (!p.tender().givesChange()) {
                sum = sum.plus(p.amount());
            }
        }
        return sum;
    }

    private Money cash() {
        Money sum = Money.zero(due.currency());
        for (Payment p : payments) {
            if (p.tender().givesChange()) {
                sum = sum.plus(p.amount());
            }
        }
        return sum;
    }

    private Money dueAfterNonCash() {
        return due.minus(nonCash());
    }

    /** What the rest costs if paid in cash (cash-rounded). */
    public Money cashDue() {
        return cashRounding.apply(dueAfterNonCash());
    }

    private boolean hasCash() {
        return cash().isPositive();
    }

    /** What is still to pay: in cash terms once cash is involved, exact otherwise. */
    public Money remaining() {
        Money target = hasCash() ? cashDue() : dueAfterNonCash();
        Money left = target.minus(hasCash() ? cash() : Money.zero(due.currency()));
        return left.max(Money.zero(due.currency()));
    }

    public boolean isSettled() {
        if (hasCash()) {
            return !cash().isLessThan(cashDue());
        }
        return dueAfterNonCash().isZero();
    }

    /** Cash to hand back. */
    public Money change() {
        if (!hasCash()) {
            return Money.zero(due.currency());
        }
        return cash().minus(cashDue()).max(Money.zero(due.currency()));
    }

    /** The difference cash rounding made (positive: customer paid more than the exact amount). */
    public Money cashRoundingAdjustment() {
        if (!hasCash()) {
            return Money.zero(due.currency());
        }
        return cashDue().minus(dueAfterNonCash());
    }

    /** What each tender finally contributed, after change (cash is reduced by the change). */
    public Money netTendered(Tender tender) {
        Money sum = Money.zero(due.currency());
        for (Payment p : payments) {
            if (p.tender() == tender) {
                sum = sum.plus(p.amount());
            }
        }
        return tender.givesChange() ? sum.minus(change()) : sum;
    }
}
