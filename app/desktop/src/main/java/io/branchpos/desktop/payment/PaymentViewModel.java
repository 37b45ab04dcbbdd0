package io.branchpos.desktop.payment;

import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.Inputs;
import io.branchpos.desktop.common.MoneyFormat;
import io.branchpos.desktop.receipt.ReceiptData;
import io.branchpos.desktop.receipt.ReceiptOutput;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.User;
import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.store.sale.SaleReceipt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The payment screen: any mix of cash (with quick-tender amounts and change), card (the external
 * terminal's reference and amount, never card data), voucher and store credit. Once the ticket is
 * covered the sale is committed on the store executor while input is disabled; "Paid" shows
 * only after {@code SalesRepository.complete} returned (DESIGN.md invariant 1).
 */
public final class PaymentViewModel {
    /** Where the payment is. */
    public enum State { ENTERING, SAVING, PAID }

    /** One tender on the payment list. */
    public record PaymentRow(String tender, String reference, String amount) {
    }

    private final Function<CompletedSale, SaleReceipt> completer;
    private final ReceiptOutput receipts;
    private final Session session;
    private final Executor background;
    private final Executor ui;
    private final Locale locale;
    private final ResourceBundle texts;
    private final CashRounding cashRounding;
    private final Clock clock;
    private final CustomerFacing display;
    private final String storeName;
    private final String terminalId;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.ENTERING);
    private final ReadOnlyStringWrapper due = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper remaining = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper change = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper receiptNumber = new ReadOnlyStringWrapper("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reference = new SimpleStringProperty("");
    private final ObservableList<PaymentRow> payments = FXCollections.observableArrayList();
    private final ObservableList<Money> quickTenders = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper receiptText = new ReadOnlyStringWrapper("");
    private final ObjectProperty<byte[]> receiptImage = new SimpleObjectProperty<>();

    private Ticket ticket;
    private Settlement settlement;
    private ReceiptData lastReceipt;
    private Runnable onDone = () -> {
    };
    private Runnable onBack = () -> {
    };

    public PaymentViewModel(Function<CompletedSale, SaleReceipt> completer, ReceiptOutput receipts, Session session,
            Executor background, Executor ui, Locale locale, ResourceBundle texts, CashRounding cashRounding,
            Clock clock, CustomerFacing display, String storeName, String terminalId) {
        this.completer = completer;
        this.receipts = receipts;
        this.session = session;
        this.background = background;
        this.ui = ui;
        this.locale = locale;
        this.texts = texts;
        this.cashRounding = cashRounding;
        this.clock = clock;
        this.display = display;
        this.storeName = storeName;
        this.terminalId = terminalId;
    }

    public void setOnDone(Runnable onDone) {
        this.onDone = onDone;
    }

    public void setOnBack(Runnable onBack) {
        this.onBack = onBack;
    }

    /** Starts paying {@code t}. */
    public void begin(Ticket t) {
        ticket = t;
        settlement = new Settlement(t.totalDue(), cashRounding);
        lastReceipt = null;
        receiptNumber.set("");
        receiptText.set("");
        receiptImage.set(null);
        amount.set("");
        reference.set("");
        state.set(State.ENTERING);
        message.set("");
        refresh();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dueProperty() {
        return due.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changeProperty() {
        return change.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty receiptNumberProperty() {
        return receiptNumber.getReadOnlyProperty();
    }

    /** Typed amount; empty means "the rest". */
    public StringProperty amountProperty() {
        return amount;
    }

    /** Card terminal reference, voucher code or credit note number. */
    public StringProperty referenceProperty() {
        return reference;
    }

    public ObservableList<PaymentRow> payments() {
        return payments;
    }

    public ObservableList<Money> quickTenders() {
        return quickTenders;
    }

    public ReadOnlyStringProperty receiptTextProperty() {
        return receiptText.getReadOnlyProperty();
    }

    /** PNG of the printed receipt when the printer renders one (virtual printer); null otherwise. */
    public ObjectProperty<byte[]> receiptImageProperty() {
        return receiptImage;
    }

    public String format(Money m) {
        return MoneyFormat.format(m, locale);
    }

    // ---- tenders ------------------------------------------------------------------------------

    /** Enter: cash, the typed amount or exactly what is still due in cash. */
    public void payCash() {
        Optional<Money> m = typedOr(settlement.remaining().isZero() ? null : cashRest());
        m.ifPresent(a -> add(Payment.cash(a)));
    }

    public void quickCash(Money m) {
        add(Payment.cash(m));
    }

    public void payCard() {
        String ref = reference.get().trim();
        if (ref.isEmpty()) {
            message.set(texts.getString("payment.needCardRef"));
            return;
        }
        typedOr(settlement.remaining()).ifPresent(a -> add(Payment.card(a, ref)));
    }

    public void payVoucher() {
        String ref = reference.get().trim();
        if (ref.isEmpty()) {
            message.set(texts.getString("payment.needVoucher"));
            return;
        }
        typedOr(settlement.remaining()).ifPresent(a -> add(Payment.voucher(a, ref)));
    }

    public void payStoreCredit() {
        String ref = reference.get().trim();
        typedOr(settlement.remaining()).ifPresent(a -> add(new Payment(Tender.STORE_CREDIT, a,
                ref.isEmpty() ? null : ref)));
    }

    /** Takes back the last tender (typed wrong); only before the sale is saved. */
    public void removeLast() {
        if (state.get() != State.ENTERING) {
            return;
        }
        settlement.removeLast();
        message.set("");
        refresh();
    }

    /** Esc: back to the ticket; nothing was committed, the tenders are dropped. */
    public void back() {
        if (state.get() != State.ENTERING) {
            return;
        }
        onBack.run();
    }

    /** After "Paid": the next customer. */
    public void finish() {
        if (state.get() == State.PAID) {
            onDone.run();
        }
    }

    /** Enter does what the screen is waiting for: a cash payment, a retry, or the next sale. */
    public void enter() {
        switch (state.get()) {
            case ENTERING -> {
                if (settlement.isSettled()) {
                    commit();
                } else {
                    payCash();
                }
            }
            case PAID -> finish();
            default -> {
            }
        }
    }

    private Money cashRest() {
        // cash-rounded: what the customer can actually hand over in coins
        Money open = settlement.cashDue();
        for (Payment p : settlement.payments()) {
            if (p.tender() == Tender.CASH) {
                open = open.minus(p.amount());
            }
        }
        return open;
    }

    private Optional<Money> typedOr(Money fallback) {
        if (state.get() != State.ENTERING) {
            return Optional.empty();
        }
        String t = amount.get() == null ? "" : amount.get().trim();
        if (t.isEmpty()) {
            return Optional.ofNullable(fallback).filter(Money::isPositive);
        }
        Optional<Money> m = Inputs.money(t, ticket.calculator().currency()).filter(Money::isPositive);
        if (m.isEmpty()) {
            message.set(MessageFormat.format(texts.getString("payment.badAmount"), t));
        }
        return m;
    }

    private void add(Payment p) {
        if (state.get() != State.ENTERING) {
            return;
        }
        try {
            settlement.add(p);
        } catch (IllegalArgumentException | IllegalStateException e) {
            message.set(e.getMessage());
            return;
        }
        amount.set("");
        reference.set("");
        message.set("");
        refresh();
        if (settlement.isSettled()) {
            commit();
        }
    }

    // ---- commit -------------------------------------------------------------------------------

    private void commit() {
        User cashier = session.requireUser();
        CompletedSale sale = CompletedSale.of(ticket, settlement, cashier.id(), clock.instant());
        state.set(State.SAVING);
        message.set(texts.getString("payment.saving"));
        background.execute(() -> {
            SaleReceipt receipt;
            try {
                receipt = completer.apply(sale);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    state.set(State.ENTERING);
                    message.set(MessageFormat.format(texts.getString("payment.saveFailed"), e.getMessage()));
                });
                return;
            }
            ReceiptData data = new ReceiptData(sale, receipt, storeName, terminalId, cashier.name(), false);
            ui.execute(() -> paid(data));
            print(data);
        });
    }

    private void paid(ReceiptData data) {
        lastReceipt = data;
        receiptNumber.set(data.receipt().receiptNumber());
        state.set(State.PAID);
        Money ch = data.sale().change();
        message.set(ch.isPositive()
                ? MessageFormat.format(texts.getString("payment.paidChange"), format(ch))
                : texts.getString("payment.paid"));
        display.show(texts.getString("display.thanks"), ch.isPositive()
                ? texts.getString("display.change") + " " + format(ch) : "");
        refresh();
    }

    /** Prints on the calling (store) thread; the preview goes to the FX thread. */
    private void print(ReceiptData data) {
        ReceiptOutput.Printed printed;
        try {
            printed = receipts.print(data);
        } catch (RuntimeException e) {
            printed = new ReceiptOutput.Printed(List.of(), null, e.getMessage());
        }
        ReceiptOutput.Printed p = printed;
        ui.execute(() -> {
            receiptText.set(String.join("\n", p.text()));
            receiptImage.set(p.previewPng());
            if (p.problem() != null) {
                message.set(MessageFormat.format(texts.getString("payment.printProblem"), p.problem()));
            }
        });
    }

    /** Prints the last receipt again, marked COPY. */
    public void reprint() {
        ReceiptData last = lastReceipt;
        if (last == null) {
            return;
        }
        background.execute(() -> print(last.asCopy()));
    }

    private void refresh() {
        due.set(format(settlement.due()));
        List<PaymentRow> rows = new ArrayList<>();
        for (Payment p : settlement.payments()) {
            rows.add(new PaymentRow(texts.getString("tender." + p.tender().name()),
                    p.reference() == null ? "" : p.reference(), format(p.amount())));
        }
        payments.setAll(rows);
        remaining.set(format(settlement.remaining()));
        change.set(format(settlement.change()));
        quickTenders.setAll(settlement.isSettled() ? List.of() : quickAmounts(cashRest()));
    }

    /** Exactly the amount, then the next round notes above it: 12.34 → 12.34, 15, 20, 50. */
    public static List<Money> quickAmounts(Money cashDue) {
        if (!cashDue.isPositive()) {
            return List.of();
        }
        Set<Money> out = new LinkedHashSet<>();
        out.add(cashDue);
        for (int step : new int[] {5, 10, 20, 50, 100}) {
            BigDecimal s = BigDecimal.valueOf(step);
            BigDecimal up = cashDue.amount().divide(s, 0, RoundingMode.CEILING).multiply(s);
            Money m = Money.of(up.setScale(cashDue.scale()), cashDue.currency());
            if (m.isGreaterThan(cashDue)) {
                out.add(m);
            }
            if (out.size() == 4) {
                break;
            }
        }
        return List.copyOf(out);
    }
}
