package io.branchpos.desktop.returns;

import io.branchpos.desktop.approval.ApprovalRequest;
import io.branchpos.desktop.approval.Approvals;
import io.branchpos.desktop.common.Inputs;
import io.branchpos.desktop.common.MoneyFormat;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.RefundCalculator;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.RefundedLine;
import io.branchpos.domain.sale.SoldLine;
import io.branchpos.domain.sale.Tender;
import io.branchpos.hardware.scan.ReceiptQr;
import io.branchpos.hardware.scan.ScanParseException;
import io.branchpos.domain.catalog.Product;
import io.branchpos.store.sale.NoReceiptRefund;
import io.branchpos.store.sale.RefundReceipt;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SalesRepository.PaymentView;
import io.branchpos.store.sale.SalesRepository.SaleView;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Returns against a receipt: find it by number (typed, or scanned from the receipt's QR code),
 * pick lines and quantities, refund to the original tender or as store credit. The till shows
 * what is still refundable; the store re-checks inside the refund's transaction, counting all
 * earlier partial refunds, so a line is never refunded beyond what was sold.
 */
public final class ReturnsViewModel {
    /** Where the money goes back. */
    public enum RefundTo { ORIGINAL, STORE_CREDIT }

    /** The store calls this screen needs. May block: called on the store executor. */
    public interface ReturnsStore {
        Optional<SaleView> findByReceipt(String receiptNumber);

        RefundReceipt refund(RefundRequest request) throws RefundRejectedException;

        Optional<Product> productByBarcode(String code);

        RefundReceipt refundWithoutReceipt(NoReceiptRefund request);
    }

    private final ReturnsStore store;
    private final Session session;
    private final Approvals approvals;
    private final Executor background;
    private final Executor ui;
    private final Locale locale;
    private final ResourceBundle texts;

    private final StringProperty receiptNumber = new SimpleStringProperty("");
    private final ObservableList<ReturnLine> lines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SaleView> sale = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper originalTender = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RefundTo> refundTo = new ReadOnlyObjectWrapper<>(RefundTo.ORIGINAL);
    private final StringProperty reference = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper refundTotal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty error = new SimpleBooleanProperty(false);
    private final BooleanProperty noReceipt = new SimpleBooleanProperty(false);
    private Runnable onBack = () -> {
    };

    public ReturnsViewModel(ReturnsStore store, Session session, Approvals approvals, Executor background,
            Executor ui, Locale locale, ResourceBundle texts) {
        this.store = store;
        this.session = session;
        this.approvals = approvals;
        this.background = background;
        this.ui = ui;
        this.locale = locale;
        this.texts = texts;
    }

    public StringProperty receiptNumberProperty() {
        return receiptNumber;
    }

    public ObservableList<ReturnLine> lines() {
        return lines;
    }

    public ReadOnlyObjectProperty<SaleView> saleProperty() {
        return sale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty originalTenderProperty() {
        return originalTender.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RefundTo> refundToProperty() {
        return refundTo.getReadOnlyProperty();
    }

    public void refundTo(RefundTo to) {
        refundTo.set(to);
    }

    /** Card refund reference from the card terminal. */
    public StringProperty referenceProperty() {
        return reference;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty refundTotalProperty() {
        return refundTotal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    /** True while taking back items without a receipt (scanned one by one, a supervisor approves). */
    public BooleanProperty noReceiptProperty() {
        return noReceipt;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public void setOnBack(Runnable onBack) {
        this.onBack = onBack;
    }

    /** Opens the screen fresh. */
    public void reset() {
        noReceipt.set(false);
        receiptNumber.set("");
        lines.clear();
        sale.set(null);
        originalTender.set("");
        refundTo.set(RefundTo.ORIGINAL);
        reference.set("");
        reason.set("");
        refundTotal.set("");
        say("", false);
    }

    public void back() {
        onBack.run();
    }

    /** Looks the receipt up (Enter in the receipt field). Accepts the number or our receipt QR payload. */
    public void find() {
        if (noReceipt.get()) {
            addScanned(receiptNumber.get().trim());
            return;
        }
        String number = receiptNumberOf(receiptNumber.get());
        if (number.isEmpty()) {
            say(texts.getString("returns.typeReceipt"), true);
            return;
        }
        busy.set(true);
        background.execute(() -> {
            Optional<SaleView> found;
            try {
                found = store.findByReceipt(number);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    say(MessageFormat.format(texts.getString("checkout.storeFailed"), e.getMessage()), true);
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                if (found.isEmpty()) {
                    show(null);
                    say(MessageFormat.format(texts.getString("returns.notFound"), number), true);
                } else {
                    show(found.get());
                    say("", false);
                }
            });
        });
    }

    /** The receipt number in what was typed, or in our receipt QR ({@code BPOS:R:<number>:<saleId>}). */
    static String receiptNumberOf(String raw) {
        String t = raw == null ? "" : raw.trim();
        if (t.startsWith(ReceiptQr.PREFIX)) {
            try {
                return ReceiptQr.parse(t).receiptNumber();
            } catch (ScanParseException e) {
                return t;
            }
        }
        return t;
    }

    /** F4: a return without receipt. Items are scanned into the receipt field; a supervisor approves the refund. */
    public void startWithoutReceipt() {
        reset();
        noReceipt.set(true);
        originalTender.set(texts.getString("tender.CASH"));
        say(texts.getString("returns.noReceiptHint"), false);
    }

    private void addScanned(String code) {
        if (code.isEmpty()) {
            return;
        }
        receiptNumber.set("");
        background.execute(() -> {
            Optional<Product> p;
            try {
                p = store.productByBarcode(code);
            } catch (RuntimeException e) {
                ui.execute(() -> say(MessageFormat.format(texts.getString("checkout.storeFailed"), e.getMessage()),
                        true));
                return;
            }
            ui.execute(() -> {
                if (p.isEmpty()) {
                    say(MessageFormat.format(texts.getString("checkout.unknownBarcode"), code), true);
                    return;
                }
                Product product = p.get();
                for (int i = 0; i < lines.size(); i++) {
                    ReturnLine l = lines.get(i);
                    if (l.product().sku().equals(product.sku()) && !product.unit().isMeasured()) {
                        BigDecimal n = l.sold().add(BigDecimal.ONE);
                        ReturnLine more = scannedLine(l.lineNo(), product, n);
                        lines.set(i, more);
                        recompute();
                        return;
                    }
                }
                lines.add(scannedLine(lines.size() + 1, product, BigDecimal.ONE));
                recompute();
                say("", false);
            });
        });
    }

    private ReturnLine scannedLine(int no, Product p, BigDecimal qty) {
        ReturnLine l = new ReturnLine(no, p.name(), qty, BigDecimal.ZERO, MoneyFormat.format(p.price(), locale), p);
        l.returnQuantityProperty().set(plain(qty));
        l.returnQuantityProperty().addListener((o, a, b) -> recompute());
        return l;
    }

    private void show(SaleView v) {
        sale.set(v);
        List<ReturnLine> rows = new ArrayList<>();
        if (v != null) {
            Map<Integer, BigDecimal> done = new LinkedHashMap<>();
            for (RefundedLine r : v.refunded()) {
                done.merge(r.originalLineNo(), r.quantity(), BigDecimal::add);
            }
            for (SoldLine l : v.lines()) {
                ReturnLine row = new ReturnLine(l.lineNo(), l.description(), l.quantity(),
                        done.getOrDefault(l.lineNo(), BigDecimal.ZERO), MoneyFormat.format(l.gross(), locale));
                row.returnQuantityProperty().addListener((o, a, b) -> recompute());
                rows.add(row);
            }
            originalTender.set(v.payments().stream().max(Comparator.comparing(p -> p.amount().amount()))
                    .map(p -> texts.getString("tender." + p.tender())).orElse(""));
        } else {
            originalTender.set("");
        }
        lines.setAll(rows);
        recompute();
    }

    /** Sets every line to all that is still refundable. */
    public void returnEverything() {
        for (ReturnLine l : lines) {
            l.returnQuantityProperty().set(l.refundable().signum() > 0 ? plain(l.refundable()) : "");
        }
    }

    private Map<Integer, BigDecimal> requested() {
        Map<Integer, BigDecimal> req = new LinkedHashMap<>();
        for (ReturnLine l : lines) {
            String t = l.returnQuantityProperty().get();
            if (t == null || t.isBlank()) {
                continue;
            }
            BigDecimal q = Inputs.decimal(t).orElse(BigDecimal.valueOf(-1));
            req.put(l.lineNo(), q);
        }
        return req;
    }

    private void recompute() {
        if (noReceipt.get()) {
            Money sum = null;
            for (ReturnLine l : lines) {
                BigDecimal q = Inputs.decimal(l.returnQuantityProperty().get()).orElse(BigDecimal.ZERO);
                Money m = l.product().price().times(q, java.math.RoundingMode.HALF_UP);
                sum = sum == null ? m : sum.plus(m);
            }
            refundTotal.set(sum == null ? "" : MoneyFormat.format(sum, locale));
            return;
        }
        SaleView v = sale.get();
        if (v == null) {
            refundTotal.set("");
            return;
        }
        Map<Integer, BigDecimal> req = requested();
        if (req.isEmpty()) {
            refundTotal.set(MoneyFormat.format(Money.zero(v.currency()), locale));
            return;
        }
        try {
            List<RefundedLine> r = RefundCalculator.refund(v.lines(), v.refunded(), req);
            refundTotal.set(MoneyFormat.format(RefundCalculator.total(r, Money.zero(v.currency())), locale));
            if (error.get()) {
                say("", false);
            }
        } catch (RefundRejectedException e) {
            refundTotal.set("—");
            say(e.getMessage(), true);
        }
    }

    /** F12: pays the refund out. */
    public void confirm() {
        if (noReceipt.get()) {
            confirmWithoutReceipt();
            return;
        }
        SaleView v = sale.get();
        if (v == null || busy.get()) {
            say(texts.getString("returns.typeReceipt"), true);
            return;
        }
        Map<Integer, BigDecimal> req = requested();
        if (req.isEmpty()) {
            say(texts.getString("returns.pickLines"), true);
            return;
        }
        String why = reason.get().trim();
        if (why.isEmpty()) {
            say(texts.getString("returns.needReason"), true);
            return;
        }
        Tender tender;
        String ref = reference.get().trim();
        if (refundTo.get() == RefundTo.STORE_CREDIT) {
            tender = Tender.STORE_CREDIT;
        } else {
            PaymentView main = v.payments().stream().max(Comparator.comparing(p -> p.amount().amount())).orElseThrow();
            tender = Tender.valueOf(main.tender());
            if (tender == Tender.CARD && ref.isEmpty()) {
                say(texts.getString("returns.needCardRef"), true);
                return;
            }
            if (tender == Tender.VOUCHER) {
                tender = Tender.STORE_CREDIT; // a voucher is not paid back in vouchers: it becomes credit
            }
        }
        String cashier = session.requireUser().id();
        if (!session.can(Permission.REFUND_WITH_RECEIPT)) {
            Tender t = tender;
            approvals.request(new ApprovalRequest("REFUND", null, texts.getString("approval.refund"),
                    Permission.APPROVE_OVERRIDES), a -> submit(new RefundRequest(v.receiptNumber(), req, t,
                            ref.isEmpty() ? null : ref, cashier, a.approvedBy(), why)));
            return;
        }
        submit(new RefundRequest(v.receiptNumber(), req, tender, ref.isEmpty() ? null : ref, cashier, null, why));
    }

    private void confirmWithoutReceipt() {
        List<NoReceiptRefund.Line> picked = new ArrayList<>();
        for (ReturnLine l : lines) {
            Optional<BigDecimal> q = Inputs.decimal(l.returnQuantityProperty().get()).filter(d -> d.signum() > 0);
            if (q.isPresent()) {
                try {
                    picked.add(new NoReceiptRefund.Line(l.product(), q.get()));
                } catch (IllegalArgumentException e) {
                    say(e.getMessage(), true);
                    return;
                }
            }
        }
        if (picked.isEmpty()) {
            say(texts.getString("returns.noReceiptHint"), true);
            return;
        }
        Tender tender = refundTo.get() == RefundTo.STORE_CREDIT ? Tender.STORE_CREDIT : Tender.CASH;
        String cashier = session.requireUser().id();
        approvals.request(new ApprovalRequest("REFUND_WITHOUT_RECEIPT", null,
                MessageFormat.format(texts.getString("approval.noReceipt"), refundTotal.get()),
                Permission.APPROVE_OVERRIDES), a -> {
                    NoReceiptRefund req = new NoReceiptRefund(picked, tender, null, cashier, a.approvedBy(),
                            a.reason());
                    busy.set(true);
                    background.execute(() -> {
                        try {
                            RefundReceipt done = store.refundWithoutReceipt(req);
                            ui.execute(() -> {
                                busy.set(false);
                                lines.clear();
                                refundTotal.set("");
                                say(MessageFormat.format(texts.getString("returns.doneNoReceipt"),
                                        MoneyFormat.format(done.total(), locale),
                                        texts.getString("tender." + tender.name())), false);
                            });
                        } catch (RuntimeException e) {
                            ui.execute(() -> {
                                busy.set(false);
                                say(MessageFormat.format(texts.getString("checkout.storeFailed"), e.getMessage()),
                                        true);
                            });
                        }
                    });
                });
    }

    private void submit(RefundRequest request) {
        busy.set(true);
        background.execute(() -> {
            RefundReceipt done;
            Optional<SaleView> after;
            try {
                done = store.refund(request);
                after = store.findByReceipt(request.receiptNumber());
            } catch (RefundRejectedException e) {
                ui.execute(() -> {
                    busy.set(false);
                    say(MessageFormat.format(texts.getString("returns.rejected"), e.getMessage()), true);
                });
                return;
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    say(MessageFormat.format(texts.getString("checkout.storeFailed"), e.getMessage()), true);
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                show(after.orElse(null));
                reason.set("");
                reference.set("");
                say(MessageFormat.format(texts.getString("returns.done"), MoneyFormat.format(done.total(), locale),
                        texts.getString("tender." + request.tender().name()), request.receiptNumber()), false);
            });
        });
    }

    private void say(String text, boolean isError) {
        message.set(text);
        error.set(isError);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
