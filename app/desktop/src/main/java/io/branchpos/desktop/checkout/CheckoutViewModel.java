package io.branchpos.desktop.checkout;

import io.branchpos.desktop.approval.ApprovalRequest;
import io.branchpos.desktop.approval.Approvals;
import io.branchpos.desktop.common.CustomerFacing;
import io.branchpos.desktop.common.Inputs;
import io.branchpos.desktop.common.MoneyFormat;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.Permission;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.IdGenerator;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.promo.Promotion;
import io.branchpos.domain.sale.Approval;
import io.branchpos.domain.sale.Discount;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.OverrideLimits;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.SaleTotals;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.TaxLine;
import io.branchpos.store.park.ParkedSales;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the cashier screen. One text field takes everything: a barcode (scanned
 * or typed) + Enter adds a line, {@code 3*} before a code multiplies, letters search by name as
 * you type, and the field answers the screen's questions (weight, serial number, reason).
 *
 * <p>Database work runs on {@code background}; results are applied on {@code ui} (the FX thread
 * in the app, the calling thread in tests). Search results that arrive after a newer query are
 * dropped; scans are applied in the order they were made because {@code background} runs one
 * task at a time.
 */
public final class CheckoutViewModel {
    static final int RESULT_LIMIT = 50;
    private static final Pattern MULTIPLY = Pattern.compile("^(\\d{1,4}(?:[.,]\\d{1,3})?)\\s*\\*\\s*(.*)$");

    /** What the main field is asking for. */
    public enum Mode { ITEM, WEIGHT, SERIAL, VOID_REASON, NO_SALE_REASON }

    /** How a message is meant: information, or a problem the cashier must notice (flash + sound). */
    public enum Tone { INFO, SUCCESS, ERROR }

    private final ProductSearch catalog;
    private final CheckoutStore store;
    private final Session session;
    private final Approvals approvals;
    private final Executor background;
    private final Executor ui;
    private final Locale locale;
    private final ResourceBundle texts;
    private final SaleCalculator calculator;
    private final IdGenerator ids;
    private final OverrideLimits limits;
    private final ScanDecoder decoder;
    private final CustomerFacing display;
    private final AtomicLong generation = new AtomicLong();

    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<ProductRow> results = FXCollections.observableArrayList();
    private final ObjectProperty<ProductRow> selectedResult = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.INFO);
    private final ReadOnlyIntegerWrapper alerts = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.ITEM);
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final ObservableList<TicketRow> lines = FXCollections.observableArrayList();
    private final IntegerProperty selectedLine = new SimpleIntegerProperty(0);
    private final ObservableList<TaxRow> taxes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper subtotal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper discountTotal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper itemCount = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<ParkedSales.Summary> parkedList = FXCollections.observableArrayList();
    private final BooleanProperty recallShowing = new SimpleBooleanProperty(false);

    private Ticket ticket;
    private PricingSource pricing = PricingSource.NONE;
    /** Null until {@link #usePricing}: then promotions are applied at this clock's time. */
    private Clock clock;
    private List<Promotion> promotions = List.of();
    /** The ticket on the payment screen (null: none); its prices are fixed until it is paid or taken back. */
    private Ticket atPayment;
    private UUID tillSession;
    private Product pendingProduct;
    private BigDecimal pendingQuantity;
    private Approval pendingApproval;
    private Consumer<Ticket> onPay = t -> {
    };
    private Consumer<String> onReturns = receiptNumber -> {
    };

    public CheckoutViewModel(ProductSearch catalog, CheckoutStore store, Session session, Approvals approvals,
            Executor background, Executor ui, Locale locale, ResourceBundle texts, SaleCalculator calculator,
            IdGenerator ids, OverrideLimits limits, ScanDecoder decoder, CustomerFacing display) {
        this.catalog = catalog;
        this.store = store;
        this.session = session;
        this.approvals = approvals;
        this.background = background;
        this.ui = ui;
        this.locale = locale;
        this.texts = texts;
        this.calculator = calculator;
        this.ids = ids;
        this.limits = limits;
        this.decoder = decoder;
        this.display = display;
        this.ticket = new Ticket(ids.next(), calculator);
        query.addListener((obs, old, now) -> search(now));
        refresh();
    }

    // ---- properties the view binds to -------------------------------------------------------

    /** The main input field (barcode, search text, or the answer to {@link #promptProperty()}). */
    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<ProductRow> results() {
        return results;
    }

    public ObjectProperty<ProductRow> selectedResultProperty() {
        return selectedResult;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** Counts problems (unknown barcode, refused serial…): the view flashes and beeps when it changes. */
    public ReadOnlyIntegerProperty alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    public ObservableList<TicketRow> lines() {
        return lines;
    }

    /** Line number of the selected ticket line (0: none); commands on "the line" act on it. */
    public IntegerProperty selectedLineProperty() {
        return selectedLine;
    }

    public ObservableList<TaxRow> taxes() {
        return taxes;
    }

    public ReadOnlyStringProperty subtotalProperty() {
        return subtotal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty discountTotalProperty() {
        return discountTotal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty itemCountProperty() {
        return itemCount.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<ParkedSales.Summary> parkedList() {
        return parkedList;
    }

    public BooleanProperty recallShowingProperty() {
        return recallShowing;
    }

    public Ticket ticket() {
        return ticket;
    }

    public void setOnPay(Consumer<Ticket> onPay) {
        this.onPay = onPay;
    }

    /** Opens the returns screen; the argument is a scanned receipt number, or null. */
    public void setOnReturns(Consumer<String> onReturns) {
        this.onReturns = onReturns;
    }

    // ---- search --------------------------------------------------------------------------------

    private void search(String text) {
        long mine = generation.incrementAndGet();
        String q = text == null ? "" : text.trim();
        // codes and answers are not searched: a scan must not start a name search on every digit
        if (mode.get() != Mode.ITEM || q.isEmpty() || !hasLetter(q)) {
            results.clear(); // an empty list stays quiet: the digits of a scan send the result list no change
            return;
        }
        background.execute(() -> {
            if (generation.get() != mine) {
                return; // a newer query, a scan or Enter came while this waited: do not search for nothing
            }
            List<Product> found;
            String problem = null;
            try {
                found = catalog.search(q, RESULT_LIMIT);
            } catch (RuntimeException e) {
                found = List.of();
                problem = format("checkout.searchFailed", e.getMessage());
            }
            List<ProductRow> rows = found.stream().map(p -> ProductRow.of(p, locale)).toList();
            String msg = problem != null ? problem : rows.isEmpty() ? format("checkout.noMatch", q) : "";
            ui.execute(() -> {
                if (generation.get() == mine) {
                    results.setAll(rows);
                    selectedResult.set(rows.isEmpty() ? null : rows.get(0));
                    say(msg, Tone.INFO);
                }
            });
        });
    }

    // ---- the main field: Enter and Esc -------------------------------------------------------

    /** Enter in the main field. */
    public void submit() {
        String text = query.get() == null ? "" : query.get().trim();
        switch (mode.get()) {
            case ITEM -> submitItem(text);
            case WEIGHT -> submitWeight(text);
            case SERIAL -> submitSerial(text);
            case VOID_REASON -> submitVoidReason(text);
            case NO_SALE_REASON -> submitNoSaleReason(text);
            default -> throw new IllegalStateException(mode.get().toString());
        }
    }

    /** Esc: leaves a question unanswered, or clears the field. */
    public void cancel() {
        recallShowing.set(false);
        if (mode.get() != Mode.ITEM) {
            backToItems();
            say(texts.getString("checkout.cancelled"), Tone.INFO);
        } else {
            pendingQuantity = null;
            query.set("");
            say("", Tone.INFO);
        }
    }

    private void submitItem(String text) {
        if (text.isEmpty()) {
            ProductRow chosen = selectedResult.get();
            if (chosen != null && !results.isEmpty()) {
                addProduct(chosen.product());
            }
            return;
        }
        Matcher m = MULTIPLY.matcher(text);
        BigDecimal qty = null;
        String code = text;
        if (m.matches()) {
            qty = Inputs.decimal(m.group(1)).orElse(null);
            code = m.group(2).trim();
            if (code.isEmpty()) {
                // "3*" + Enter: the next scan is multiplied
                pendingQuantity = qty;
                query.set("");
                say(format("checkout.multiplier", plain(qty)), Tone.INFO);
                return;
            }
        }
        if (hasLetter(code) || code.contains(" ") || code.length() > 48) {
            ProductRow chosen = selectedResult.get();
            if (chosen == null || results.isEmpty()) {
                alert(format("checkout.noMatch", code));
                return;
            }
            pendingQuantity = qty != null ? qty : pendingQuantity;
            addProduct(chosen.product());
            return;
        }
        if (qty != null) {
            pendingQuantity = qty;
        }
        scan(code);
    }

    /** A code from the scanner or typed into the field. */
    public void scan(String raw) {
        query.set("");
        ScanDecoder.Scan scan = decoder.decode(raw.trim());
        BigDecimal qty = pendingQuantity;
        pendingQuantity = null;
        if (scan.receiptNumber().isPresent()) {
            // one of our receipts: the customer is returning something
            if (!ticket.isEmpty()) {
                alert(texts.getString("checkout.finishFirst"));
            } else {
                onReturns.accept(scan.receiptNumber().get());
            }
            return;
        }
        if (tillSession != null && scansInFlight == 0) {
            // the usual scan: answered from memory on this thread, the line shows in the next frame
            Optional<Product> held = catalog.byBarcodeInMemory(scan.lookupCode());
            if (held.isPresent()) {
                scanned(scan, held.get(), qty);
                return;
            }
        }
        boolean tillKnown = tillSession != null;
        scansInFlight++; // later scans wait for this one, so lines keep the order of the scans
        background.execute(() -> {
            Optional<Product> found;
            Optional<UUID> till = Optional.ofNullable(tillKnown ? tillSession : null);
            try {
                if (till.isEmpty()) {
                    till = store.openTillSession();
                }
                if (till.isEmpty()) {
                    ui.execute(() -> {
                        scansInFlight--;
                        alert(texts.getString("checkout.tillClosed"));
                    });
                    return;
                }
                UUID open = till.get();
                ui.execute(() -> tillSession = open);
                found = catalog.byBarcode(scan.lookupCode());
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    scansInFlight--;
                    alert(format("checkout.lookupFailed", e.getMessage()));
                });
                return;
            }
            ui.execute(() -> {
                scansInFlight--;
                if (found.isEmpty()) {
                    alert(format("checkout.unknownBarcode", raw.trim()));
                    return;
                }
                scanned(scan, found.get(), qty);
            });
        });
    }

    /** Scans handed to {@code background} whose result has not been applied yet (FX thread only). */
    private int scansInFlight;

    private void scanned(ScanDecoder.Scan scan, Product p, BigDecimal qty) {
        if (scan.embeddedPrice().isPresent() && !p.serialized()) {
            // a price label: one line at the printed price
            addLine(p, BigDecimal.ONE, null, scan.embeddedPrice().get());
            return;
        }
        BigDecimal q = scan.embeddedQuantity().orElse(qty);
        startLine(p, q);
    }

    /** Adds a product chosen from the search results (click, or Enter on the list). */
    public void addProduct(Product p) {
        BigDecimal qty = pendingQuantity;
        pendingQuantity = null;
        query.set("");
        results.clear();
        if (tillSession != null) {
            startLine(p, qty);
            return;
        }
        background.execute(() -> {
            Optional<UUID> till;
            try {
                till = store.openTillSession();
            } catch (RuntimeException e) {
                ui.execute(() -> alert(format("checkout.lookupFailed", e.getMessage())));
                return;
            }
            ui.execute(() -> {
                if (till.isEmpty()) {
                    alert(texts.getString("checkout.tillClosed"));
                } else {
                    tillSession = till.get();
                    startLine(p, qty);
                }
            });
        });
    }

    private void startLine(Product p, BigDecimal qty) {
        if (p.serialized()) {
            if (qty != null && qty.compareTo(BigDecimal.ONE) != 0) {
                alert(format("checkout.serialOneAtATime", p.name()));
                return;
            }
            ask(Mode.SERIAL, p, format("checkout.askSerial", p.name()));
            return;
        }
        if (p.unit().isMeasured() && qty == null) {
            ask(Mode.WEIGHT, p, format("checkout.askWeight", p.name(), p.unit().symbol()));
            readScale(p);
            return;
        }
        addLine(p, qty == null ? BigDecimal.ONE : qty, null);
    }

    private void ask(Mode m, Product p, String question) {
        pendingProduct = p;
        mode.set(m);
        prompt.set(question);
        query.set("");
        say(question, Tone.INFO);
    }

    private void backToItems() {
        pendingProduct = null;
        pendingApproval = null;
        mode.set(Mode.ITEM);
        prompt.set("");
        query.set("");
    }

    /**
     * Uses {@code scale} for weighed items: its stable weight fills the line by itself; typing a
     * weight still works (no stable reading, scale offline). Reads run on {@code devices}.
     */
    public void useScale(WeightSource scale, Executor devices) {
        this.scale = scale;
        this.devices = devices;
    }

    private WeightSource scale;
    private Executor devices;

    private void readScale(Product p) {
        if (scale == null || !p.unit().equals(io.branchpos.domain.catalog.UnitOfMeasure.KILOGRAM)) {
            return;
        }
        devices.execute(() -> {
            Optional<BigDecimal> w;
            try {
                w = scale.stableWeightKg().filter(d -> d.signum() > 0);
            } catch (RuntimeException e) {
                w = Optional.empty();
            }
            Optional<BigDecimal> weight = w;
            ui.execute(() -> {
                // only if the cashier is still waiting for this product's weight
                if (weight.isPresent() && mode.get() == Mode.WEIGHT && pendingProduct == p) {
                    backToItems();
                    addLine(p, weight.get().setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros(), null);
                }
            });
        });
    }

    private void submitWeight(String text) {
        Optional<BigDecimal> w = Inputs.decimal(text).filter(d -> d.signum() > 0);
        if (w.isEmpty()) {
            alert(format("checkout.badWeight", text, pendingProduct.unit().symbol()));
            return;
        }
        Product p = pendingProduct;
        backToItems();
        addLine(p, w.get(), null);
    }

    private void submitSerial(String text) {
        if (text.isEmpty()) {
            return;
        }
        Product p = pendingProduct;
        boolean onTicket = ticket.activeLines().stream()
                .anyMatch(l -> text.equals(l.serial()) && l.product().sku().equals(p.sku()));
        if (onTicket) {
            query.set("");
            alert(format("checkout.serialOnTicket", text));
            return;
        }
        query.set("");
        busy.set(true);
        background.execute(() -> {
            boolean sold;
            try {
                sold = store.isSerialSold(p.sku().value(), text);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    alert(format("checkout.lookupFailed", e.getMessage()));
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                if (sold) {
                    alert(format("checkout.serialSold", text, p.name()));
                    return;
                }
                backToItems();
                addLine(p, BigDecimal.ONE, text);
            });
        });
    }

    private void addLine(Product p, BigDecimal qty, String serial) {
        addLine(p, qty, serial, p.price());
    }

    private void addLine(Product p, BigDecimal qty, String serial, Money unitPrice) {
        try {
            TicketLine line = ticket.add(p, qty, unitPrice, serial);
            refresh();
            reloadPromotions(ticket, line);
            selectedLine.set(line.lineNo());
            Money lineTotal = unitPrice.times(qty, RoundingMode.HALF_UP);
            say(format("checkout.added", plain(qty), p.name()), Tone.SUCCESS);
            display.show(p.name(), money(lineTotal));
        } catch (IllegalArgumentException e) {
            alert(e.getMessage());
        }
    }

    // ---- line and receipt commands -----------------------------------------------------------

    private Optional<TicketLine> selected() {
        int no = selectedLine.get();
        if (no <= 0) {
            alert(texts.getString("checkout.noLineSelected"));
            return Optional.empty();
        }
        TicketLine l = ticket.line(no);
        if (l.voided()) {
            alert(texts.getString("checkout.lineVoided"));
            return Optional.empty();
        }
        return Optional.of(l);
    }

    /** F6: voids the selected line (it stays visible, struck through, and counts for nothing). */
    public void voidLine() {
        selected().ifPresent(l -> {
            ticket.voidLine(l.lineNo());
            refresh();
            say(format("checkout.lineVoidedDone", l.product().name()), Tone.INFO);
        });
    }

    /** F2: the number in the field becomes the quantity of the selected line. */
    public void changeQuantity() {
        Optional<TicketLine> line = selected();
        if (line.isEmpty()) {
            return;
        }
        Optional<BigDecimal> q = Inputs.decimal(query.get()).filter(d -> d.signum() > 0);
        if (q.isEmpty()) {
            alert(texts.getString("checkout.typeQuantity"));
            return;
        }
        try {
            ticket.setQuantity(line.get().lineNo(), q.get());
            query.set("");
            refresh();
        } catch (IllegalArgumentException e) {
            alert(e.getMessage());
        }
    }

    /** F3: the amount in the field becomes the unit price of the selected line. */
    public void overridePrice() {
        Optional<TicketLine> line = selected();
        if (line.isEmpty()) {
            return;
        }
        Optional<Money> price = Inputs.money(query.get(), calculator.currency());
        if (price.isEmpty()) {
            alert(texts.getString("checkout.typePrice"));
            return;
        }
        TicketLine l = line.get();
        Money newPrice = price.get();
        query.set("");
        Consumer<Approval> apply = approval -> {
            ticket.overridePrice(l.lineNo(), newPrice, approval);
            refresh();
            say(format("checkout.priceChanged", l.product().name(), money(newPrice)), Tone.SUCCESS);
        };
        if (limits.needsApproval(l.listPrice(), newPrice)) {
            approvals.request(new ApprovalRequest("PRICE_OVERRIDE", l.lineNo(), format("approval.priceOverride",
                    l.product().name(), money(l.listPrice()), money(newPrice)), Permission.APPROVE_OVERRIDES), apply);
        } else {
            apply.accept(null);
        }
    }

    /** F4: "10%" or an amount in the field becomes the discount of the selected line. */
    public void discountLine() {
        Optional<TicketLine> line = selected();
        if (line.isEmpty()) {
            return;
        }
        Optional<Discount> d = Inputs.discount(query.get(), calculator.currency());
        if (d.isEmpty()) {
            alert(texts.getString("checkout.typeDiscount"));
            return;
        }
        TicketLine l = line.get();
        Money base = l.unitPrice().times(l.quantity(), calculator.rounding().mode());
        Money after = base.minus(d.get().amountOff(base, calculator.rounding().mode()));
        query.set("");
        Consumer<Approval> apply = approval -> {
            ticket.setLineDiscount(l.lineNo(), d.get(), approval);
            refresh();
            say(format("checkout.discounted", l.product().name(), money(base.minus(after))), Tone.SUCCESS);
        };
        if (limits.needsApproval(base, after)) {
            approvals.request(new ApprovalRequest("LINE_DISCOUNT", l.lineNo(), format("approval.lineDiscount",
                    l.product().name(), money(base.minus(after))), Permission.APPROVE_OVERRIDES), apply);
        } else {
            apply.accept(null);
        }
    }

    /** F5: "10%" or an amount in the field becomes the discount on the whole receipt. */
    public void discountReceipt() {
        if (ticket.isEmpty()) {
            alert(texts.getString("checkout.emptyTicket"));
            return;
        }
        Optional<Discount> d = Inputs.discount(query.get(), calculator.currency());
        if (d.isEmpty()) {
            alert(texts.getString("checkout.typeDiscount"));
            return;
        }
        SaleTotals t = ticket.totals();
        Money before = t.gross().plus(t.receiptDiscount());
        Money after = before.minus(d.get().amountOff(before, calculator.rounding().mode()));
        query.set("");
        Consumer<Approval> apply = approval -> {
            ticket.setReceiptDiscount(d.get(), approval);
            refresh();
            say(format("checkout.receiptDiscounted", money(before.minus(after))), Tone.SUCCESS);
        };
        if (limits.needsApproval(before, after)) {
            approvals.request(new ApprovalRequest("RECEIPT_DISCOUNT", null, format("approval.receiptDiscount",
                    money(before.minus(after))), Permission.APPROVE_OVERRIDES), apply);
        } else {
            apply.accept(null);
        }
    }

    // ---- whole-sale commands ------------------------------------------------------------------

    /** F12: go to payment. */
    public void pay() {
        if (ticket.isEmpty()) {
            alert(texts.getString("checkout.emptyTicket"));
            return;
        }
        if (mode.get() != Mode.ITEM) {
            alert(prompt.get());
            return;
        }
        refresh(); // the promotions valid now, at the time of sale
        atPayment = ticket; // priced: nothing reprices it while the customer pays
        display.show(texts.getString("display.total"), money(ticket.totalDue()));
        onPay.accept(ticket);
    }

    /**
     * The payment screen went back to selling: the ticket is open again, priced with the promotions
     * known now (those that arrived while it was on the payment screen included).
     */
    public void backFromPayment() {
        atPayment = null;
        refresh();
    }

    /**
     * Prices lines with HQ's price versions and promotions: the promotions valid at {@code clock}'s
     * time are applied whenever the ticket changes and when payment starts (the time of sale).
     */
    public void usePricing(PricingSource source, Clock clock) {
        this.pricing = source;
        this.clock = clock;
        reloadPromotions(null, null);
    }

    /** Reads promotions (and the price version of a new line) on the store executor, then reprices on the UI thread. */
    private void reloadPromotions(Ticket forTicket, TicketLine newLine) {
        if (clock == null) {
            return;
        }
        Instant now = clock.instant();
        background.execute(() -> {
            List<Promotion> found;
            Optional<Long> version;
            try {
                found = pricing.promotionsNotEndedAt(now);
                version = newLine == null ? Optional.empty() : pricing.priceVersion(newLine.product().sku().value());
            } catch (RuntimeException e) {
                ui.execute(() -> say(format("checkout.lookupFailed", e.getMessage()), Tone.INFO));
                return;
            }
            ui.execute(() -> {
                if (newLine != null && version.isPresent()) {
                    forTicket.recordPriceVersion(newLine.lineNo(), version.get());
                }
                // reprice only when HQ's promotions changed, and never a ticket on the payment screen:
                // it keeps the promotions it was priced with at Pay (decision 0257), or the amount
                // the customer is paying would no longer be the ticket's total
                if (!found.equals(promotions)) {
                    promotions = found;
                    if (ticket != atPayment) {
                        refresh();
                    }
                }
            });
        });
    }

    /** After a sale is paid (or voided): a fresh, empty ticket. */
    public void newSale() {
        ticket = new Ticket(ids.next(), calculator);
        atPayment = null;
        reloadPromotions(null, null);
        tillSession = null; // looked up again at the next scan: the till may have been closed meanwhile
        backToItems();
        pendingQuantity = null;
        refresh();
        display.show(texts.getString("display.welcome"), "");
    }

    /** F7: puts the sale aside for the next customer. */
    public void park() {
        if (ticket.isEmpty()) {
            alert(texts.getString("checkout.emptyTicket"));
            return;
        }
        Ticket t = ticket;
        String cashier = session.requireUser().id();
        busy.set(true);
        background.execute(() -> {
            try {
                store.park(t, cashier);
                ui.execute(() -> {
                    busy.set(false);
                    newSale();
                    say(texts.getString("checkout.parked"), Tone.SUCCESS);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    alert(format("checkout.storeFailed", e.getMessage()));
                });
            }
        });
    }

    /** F8: lists parked sales to recall one. */
    public void showParked() {
        if (!ticket.isEmpty()) {
            alert(texts.getString("checkout.finishFirst"));
            return;
        }
        background.execute(() -> {
            List<ParkedSales.Summary> list;
            try {
                list = store.parked();
            } catch (RuntimeException e) {
                ui.execute(() -> alert(format("checkout.storeFailed", e.getMessage())));
                return;
            }
            ui.execute(() -> {
                parkedList.setAll(list);
                if (list.isEmpty()) {
                    say(texts.getString("checkout.nothingParked"), Tone.INFO);
                } else {
                    recallShowing.set(true);
                }
            });
        });
    }

    public void recall(ParkedSales.Summary which) {
        recallShowing.set(false);
        if (!ticket.isEmpty()) {
            alert(texts.getString("checkout.finishFirst"));
            return;
        }
        busy.set(true);
        background.execute(() -> {
            Optional<Ticket> t;
            try {
                t = store.recall(which.saleId(), calculator);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    alert(format("checkout.storeFailed", e.getMessage()));
                });
                return;
            }
            ui.execute(() -> {
                busy.set(false);
                if (t.isEmpty()) {
                    alert(texts.getString("checkout.alreadyRecalled"));
                    return;
                }
                ticket = t.get();
                backToItems();
                refresh();
                selectedLine.set(lastActiveLine());
                say(format("checkout.recalled", ticket.activeLines().size()), Tone.SUCCESS);
            });
        });
    }

    /** F11: abandons the whole sale with a reason; needs the permission or a supervisor. */
    public void voidSale() {
        if (ticket.isEmpty() && ticket.lines().isEmpty()) {
            alert(texts.getString("checkout.emptyTicket"));
            return;
        }
        if (session.can(Permission.VOID_SALE)) {
            ask(Mode.VOID_REASON, null, texts.getString("checkout.askVoidReason"));
        } else {
            approvals.request(new ApprovalRequest("SALE_VOID", null, texts.getString("approval.voidSale"),
                    Permission.VOID_SALE), a -> doVoid(a.reason(), a.approvedBy()));
        }
    }

    private void submitVoidReason(String reason) {
        if (reason.isEmpty()) {
            alert(texts.getString("checkout.askVoidReason"));
            return;
        }
        backToItems();
        doVoid(reason, null);
    }

    private void doVoid(String reason, String approvedBy) {
        Ticket t = ticket;
        String user = session.requireUser().id();
        busy.set(true);
        background.execute(() -> {
            try {
                store.voidSale(t.saleId(), reason, user, approvedBy);
                ui.execute(() -> {
                    busy.set(false);
                    newSale();
                    say(texts.getString("checkout.voided"), Tone.SUCCESS);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    alert(format("checkout.storeFailed", e.getMessage()));
                });
            }
        });
    }

    /** F10: opens the drawer without a sale; journaled first, permission-checked. */
    public void noSale() {
        if (session.can(Permission.NO_SALE)) {
            ask(Mode.NO_SALE_REASON, null, texts.getString("checkout.askNoSaleReason"));
        } else {
            approvals.request(new ApprovalRequest("NO_SALE", null, texts.getString("approval.noSale"),
                    Permission.NO_SALE), a -> doNoSale(a.reason(), a.approvedBy()));
        }
    }

    private void submitNoSaleReason(String reason) {
        if (reason.isEmpty()) {
            alert(texts.getString("checkout.askNoSaleReason"));
            return;
        }
        backToItems();
        doNoSale(reason, null);
    }

    private void doNoSale(String reason, String approvedBy) {
        String user = session.requireUser().id();
        background.execute(() -> {
            try {
                Optional<UUID> till = store.openTillSession();
                if (till.isEmpty()) {
                    ui.execute(() -> alert(texts.getString("checkout.tillClosed")));
                    return;
                }
                store.noSale(till.get(), user, reason, approvedBy);
                ui.execute(() -> say(texts.getString("checkout.drawerOpened"), Tone.SUCCESS));
            } catch (RuntimeException e) {
                ui.execute(() -> alert(format("checkout.storeFailed", e.getMessage())));
            }
        });
    }

    /** F9: the returns screen (only with an empty ticket). */
    public void returns() {
        if (!ticket.isEmpty()) {
            alert(texts.getString("checkout.finishFirst"));
            return;
        }
        onReturns.accept(null);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private int lastActiveLine() {
        List<TicketLine> active = ticket.activeLines();
        return active.isEmpty() ? 0 : active.get(active.size() - 1).lineNo();
    }

    private void refresh() {
        if (clock != null) {
            ticket.applyPromotions(promotions, clock.instant());
        }
        SaleTotals t = ticket.totals();
        List<TicketRow> rows = new ArrayList<>();
        Map<Integer, ShownRow> nowShown = new HashMap<>();
        int i = 0;
        int pieces = 0;
        for (TicketLine l : ticket.lines()) {
            Money lineTotal;
            if (l.voided()) {
                lineTotal = zero();
            } else {
                LineTotal lt = t.lines().get(i++);
                lineTotal = lt.gross().plus(lt.receiptDiscountShare());
                pieces += l.product().unit().isMeasured() ? 1 : l.quantity().intValue();
            }
            // a line that did not change keeps its row: no formatting, and the table sees the same row
            ShownRow before = shownRows.get(l.lineNo());
            TicketRow row = before != null && before.total().equals(lineTotal)
                    && (before.line() == l || before.line().equals(l)) ? before.row() : row(l, lineTotal);
            nowShown.put(l.lineNo(), before != null && before.row() == row ? before : new ShownRow(l, lineTotal, row));
            rows.add(row);
        }
        shownRows = nowShown;
        update(lines, rows);
        List<TaxRow> taxRows = new ArrayList<>();
        for (TaxLine tl : t.taxes()) {
            taxRows.add(new TaxRow(tl.rate().percent().stripTrailingZeros().toPlainString() + " %",
                    money(tl.net()), money(tl.tax()), money(tl.gross())));
        }
        update(taxes, taxRows);
        Money discounts = t.totalDiscount();
        subtotal.set(money(t.gross().plus(discounts)));
        discountTotal.set(discounts.isZero() ? "" : "− " + money(discounts));
        total.set(money(t.gross()));
        itemCount.set(format("checkout.itemCount", pieces));
        if (selectedLine.get() > 0 && rows.stream().noneMatch(r -> r.lineNo() == selectedLine.get())) {
            selectedLine.set(0);
        }
    }

    /** The row shown for a ticket line, and the line and line total it was formatted from. */
    private record ShownRow(TicketLine line, Money total, TicketRow row) {
    }

    /**
     * Rows of the last refresh by line number. Lines are values: a line that is equal to the one a
     * row was made from shows the same (keyed by number, not by the line, so a refresh does not hash
     * every line with its product).
     */
    private Map<Integer, ShownRow> shownRows = Map.of();

    private TicketRow row(TicketLine l, Money lineTotal) {
        if (l.voided()) {
            return new TicketRow(l.lineNo(), plain(l.quantity()), l.product().name(),
                    texts.getString("checkout.voidedTag"), money(l.unitPrice()), money(lineTotal), true);
        }
        return new TicketRow(l.lineNo(), plain(l.quantity()) + (l.product().unit().isMeasured()
                ? " " + l.product().unit().symbol() : ""), l.product().name(), detail(l), money(l.unitPrice()),
                money(lineTotal), false);
    }

    /**
     * Brings {@code shown} to {@code wanted} touching only the rows that differ: a scan appends one
     * row. {@code setAll} would report every row as replaced, and the ticket table then rebuilds
     * (re-indexes, re-styles, re-measures) every visible row — most of a frame on the cashier's
     * machine (decision 0307).
     */
    static <T> void update(ObservableList<T> shown, List<T> wanted) {
        int common = Math.min(shown.size(), wanted.size());
        for (int i = 0; i < common; i++) {
            if (shown.get(i) != wanted.get(i) && !shown.get(i).equals(wanted.get(i))) {
                shown.set(i, wanted.get(i));
            }
        }
        if (shown.size() > wanted.size()) {
            shown.remove(wanted.size(), shown.size());
        } else if (wanted.size() > common) {
            shown.addAll(wanted.subList(common, wanted.size()));
        }
    }

    private String detail(TicketLine l) {
        List<String> parts = new ArrayList<>();
        if (l.serial() != null) {
            parts.add(format("checkout.serialTag", l.serial()));
        }
        if (l.priceOverridden()) {
            parts.add(format("checkout.overrideTag", money(l.listPrice())));
        }
        if (l.promotion() != null) {
            parts.add(format("checkout.promotionTag", l.promotion().name(), money(l.promotion().amountOff())));
        }
        if (!l.discount().isNone()) {
            parts.add(l.discount() instanceof Discount.Percent p
                    ? format("checkout.discountTag", p.value().stripTrailingZeros().toPlainString() + " %")
                    : format("checkout.discountTag", money(((Discount.Amount) l.discount()).value())));
        }
        return String.join(" · ", parts);
    }

    private Money zero() {
        return Money.zero(calculator.currency());
    }

    private void say(String text, Tone t) {
        message.set(text);
        tone.set(t);
    }

    private void alert(String text) {
        say(text, Tone.ERROR);
        alerts.set(alerts.get() + 1);
    }

    private String money(Money m) {
        return MoneyFormat.format(m, locale);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private String format(String key, Object... args) {
        // parsing a pattern builds a format per argument (a locale look-up each): done once per key,
        // then a copy per use as formats are not thread-safe (some messages are made on background)
        MessageFormat prototype = messageFormats.computeIfAbsent(key,
                k -> new MessageFormat(texts.getString(k), locale));
        return ((MessageFormat) prototype.clone()).format(args);
    }

    private final Map<String, MessageFormat> messageFormats = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether {@code text} has a letter: a plain loop, as it runs at every key of a scan. */
    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
