package io.branchpos.domain.sale;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.promo.AppliedPromotion;
import io.branchpos.domain.promo.Promotion;
import io.branchpos.domain.promo.PromotionEngine;
import java.time.Instant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A sale being rung up: lines, discounts, approvals. Not thread-safe; owned by one cashier
 * screen. Becomes a {@link CompletedSale} once paid.
 */
public final class Ticket {
    private final UUID saleId;
    private final SaleCalculator calculator;
    private final List<TicketLine> lines = new ArrayList<>();
    private final List<Approval> approvals = new ArrayList<>();
    private Discount receiptDiscount = Discount.NONE;
    private int nextLineNo = 1;
    private final PromotionEngine promotionEngine;
    private List<Promotion> promotions = List.of();
    private Instant promotionsAt;

    public Ticket(UUID saleId, SaleCalculator calculator) {
        this.saleId = Objects.requireNonNull(saleId, "saleId");
        this.calculator = Objects.requireNonNull(calculator, "calculator");
        this.promotionEngine = new PromotionEngine(calculator.rounding().mode());
    }

    /**
     * Prices the ticket with the promotions valid at {@code at} (the time of sale); every later change
     * to the lines re-applies the same set. Calling it again with the same arguments changes nothing.
     */
    public void applyPromotions(List<Promotion> candidates, Instant at) {
        this.promotions = List.copyOf(candidates);
        this.promotionsAt = Objects.requireNonNull(at, "at");
        reprice();
    }

    /** The instant the promotions were last applied for (null: never). */
    public Instant promotionsAt() {
        return promotionsAt;
    }

    private void reprice() {
        if (promotionsAt == null) {
            return;
        }
        Map<Integer, AppliedPromotion> applied = promotionEngine.apply(promotions,
                lines.stream().filter(l -> !l.voided()).map(TicketLine::toPromoLine).toList(), promotionsAt);
        for (int i = 0; i < lines.size(); i++) {
            TicketLine l = lines.get(i);
            lines.set(i, l.withPromotion(l.voided() ? null : applied.get(l.lineNo())));
        }
    }

    public UUID saleId() {
        return saleId;
    }

    public SaleCalculator calculator() {
        return calculator;
    }

    /** All lines including voided ones, in the order they were rung up. */
    public List<TicketLine> lines() {
        return List.copyOf(lines);
    }

    /** The lines that count. */
    public List<TicketLine> activeLines() {
        return lines.stream().filter(l -> !l.voided()).toList();
    }

    public List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    public Discount receiptDiscount() {
        return receiptDiscount;
    }

    public boolean isEmpty() {
        return activeLines().isEmpty();
    }

    public TicketLine add(Product product, BigDecimal quantity) {
        return add(product, quantity, product.price(), null);
    }

    /** Adds a line at {@code unitPrice} (a price-embedded barcode may carry its own price). */
    public TicketLine add(Product product, BigDecimal quantity, Money unitPrice, String serial) {
        return add(product, quantity, unitPrice, serial, null);
    }

    /** Adds a line and remembers HQ's {@code priceVersion} of the product's list price (null: not from HQ). */
    public TicketLine add(Product product, BigDecimal quantity, Money unitPrice, String serial, Long priceVersion) {
        if (!product.active()) {
            throw new IllegalArgumentException(product.name() + " is not for sale (inactive)");
        }
        if (product.serialized()) {
            if (serial == null || serial.isBlank()) {
                throw new IllegalArgumentException(product.name() + " needs a serial number");
            }
            if (quantity.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("a serialized item is sold one unit per line");
            }
            boolean dup = activeLines().stream().anyMatch(l -> serial.equals(l.serial())
                    && l.product().sku().equals(product.sku()));
            if (dup) {
                throw new IllegalArgumentException("serial " + serial + " is already on this ticket");
            }
        }
        TicketLine line = new TicketLine(nextLineNo++, product, quantity, unitPrice, product.price(),
                Discount.NONE, serial, false, priceVersion, null);
        lines.add(line);
        reprice();
        return line(line.lineNo());
    }

    public TicketLine line(int lineNo) {
        for (TicketLine l : lines) {
            if (l.lineNo() == lineNo) {
                return l;
            }
        }
        throw new IllegalArgumentException("no line " + lineNo + " on this ticket");
    }

    private TicketLine activeLine(int lineNo) {
        TicketLine l = line(lineNo);
        if (l.voided()) {
            throw new IllegalStateException("line " + lineNo + " is voided");
        }
        return l;
    }

    private void replace(TicketLine updated) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineNo() == updated.lineNo()) {
                lines.set(i, updated);
                reprice();
                return;
            }
        }
    }

    public void setQuantity(int lineNo, BigDecimal quantity) {
        TicketLine l = activeLine(lineNo);
        if (l.product().serialized() && quantity.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("a serialized item is sold one unit per line");
        }
        replace(l.withQuantity(quantity));
    }

    /** Records HQ's version of the line's list price once it is known (looked up off the till's UI thread). */
    public void recordPriceVersion(int lineNo, Long priceVersion) {
        replace(line(lineNo).withPriceVersion(priceVersion));
    }

    public void voidLine(int lineNo) {
        replace(activeLine(lineNo).asVoided());
    }

    public void overridePrice(int lineNo, Money price, Approval approval) {
        if (price.isNegative()) {
            throw new IllegalArgumentException("a price must not be negative");
        }
        replace(activeLine(lineNo).withUnitPrice(price));
        recordApproval(approval);
    }

    public void setLineDiscount(int lineNo, Discount discount, Approval approval) {
        replace(activeLine(lineNo).withDiscount(discount));
        recordApproval(approval);
    }

    public void setReceiptDiscount(Discount discount, Approval approval) {
        this.receiptDiscount = Objects.requireNonNull(discount, "discount");
        recordApproval(approval);
    }

    /** Puts back an approval given earlier (a recalled parked ticket keeps who approved what). */
    public void restoreApproval(Approval approval) {
        recordApproval(Objects.requireNonNull(approval, "approval"));
    }

    private void recordApproval(Approval approval) {
        if (approval != null) {
            approvals.add(approval);
        }
    }

    /**
     * The totals of the active lines. The last result is kept: asked again with the same lines it is
     * returned as is, and after one line was added it is extended by that line alone when that is
     * exact ({@link SaleCalculator#appendsExactly}); otherwise the whole ticket is priced. A scan
     * on a long ticket then does not price every line again (decision 0308).
     */
    public SaleTotals totals() {
        List<LineInput> inputs = new ArrayList<>(lines.size());
        for (TicketLine l : lines) {
            if (!l.voided()) {
                inputs.add(l.toInput());
            }
        }
        Priced last = this.last; // one read: inputs, discount and totals always belong together
        SaleTotals result = null;
        if (last != null && receiptDiscount.equals(last.receiptDiscount())) {
            int n = last.inputs().size();
            if (inputs.size() == n && inputs.equals(last.inputs())) {
                return last.totals();
            }
            if (inputs.size() == n + 1 && calculator.appendsExactly(receiptDiscount)
                    && inputs.subList(0, n).equals(last.inputs())) {
                result = calculator.append(last.totals(), inputs.get(n), receiptDiscount);
            }
        }
        if (result == null) {
            result = calculator.calculate(inputs, receiptDiscount);
        }
        this.last = new Priced(List.copyOf(inputs), receiptDiscount, result);
        return result;
    }

    /** What {@link #totals} last priced (inputs are values, so equal inputs give equal totals). */
    private record Priced(List<LineInput> inputs, Discount receiptDiscount, SaleTotals totals) {
    }

    /** Written as one reference so that a reader on another thread never pairs one call's inputs with another's totals. */
    private volatile Priced last;

    public Money totalDue() {
        return totals().gross();
    }
}
