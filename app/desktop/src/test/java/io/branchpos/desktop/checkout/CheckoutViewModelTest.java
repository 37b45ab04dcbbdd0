package io.branchpos.desktop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.approval.ApprovalRequest;
import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.Approval;
import io.branchpos.domain.sale.OverrideLimits;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.park.ParkedSales;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckoutViewModelTest {
    private static final TaxRate REDUCED = TaxRate.of("REDUCED", "7");
    private static final TaxRate STANDARD = TaxRate.of("STANDARD", "19");
    static final Product MILK = new Product(new Sku("1"), "Whole Milk 1 l", "Dairy", REDUCED,
            UnitOfMeasure.PIECE, Money.of("1.19", "EUR"), true, false);
    static final Product SOAP = new Product(new Sku("2"), "Dish Soap", "Household", STANDARD,
            UnitOfMeasure.PIECE, Money.of("2.49", "EUR"), true, false);
    static final Product CHEESE = new Product(new Sku("3"), "Emmentaler", "Deli", REDUCED,
            UnitOfMeasure.KILOGRAM, Money.of("19.90", "EUR"), true, false);
    static final Product PHONE = new Product(new Sku("4"), "Smartphone Black", "Electronics", STANDARD,
            UnitOfMeasure.PIECE, Money.of("199.00", "EUR"), true, true);
    private static final Map<String, Product> CODES = Map.of("4000000000017", MILK, "4000000000024", SOAP,
            "2100003", CHEESE, "4000000000031", PHONE);

    /** A background executor that runs tasks only when told, to reorder completions. */
    static final class ManualExecutor implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runLast() {
            tasks.removeLast().run();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.removeFirst().run();
            }
        }
    }

    /** The catalog above; searches find names containing the query. */
    static class FakeCatalog implements ProductSearch {
        @Override
        public List<Product> search(String query, int limit) {
            return CODES.values().stream().filter(p -> p.name().toLowerCase(Locale.ROOT)
                    .contains(query.toLowerCase(Locale.ROOT))).sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }

        @Override
        public Optional<Product> byBarcode(String code) {
            return Optional.ofNullable(CODES.get(code));
        }
    }

    /** The catalog above, with some codes held in memory, counting the name searches it runs. */
    static final class InMemoryCatalog extends FakeCatalog {
        final Set<String> held = new HashSet<>();
        final List<String> searched = new ArrayList<>();

        @Override
        public List<Product> search(String query, int limit) {
            searched.add(query);
            return super.search(query, limit);
        }

        @Override
        public Optional<Product> byBarcodeInMemory(String code) {
            return held.contains(code) ? byBarcode(code) : Optional.empty();
        }
    }

    /** Records what the screen wrote. */
    static final class RecordingStore implements CheckoutStore {
        final Set<String> soldSerials = new HashSet<>();
        final List<Ticket> parked = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        UUID till = UUID.randomUUID();

        @Override
        public Optional<UUID> openTillSession() {
            return Optional.ofNullable(till);
        }

        @Override
        public boolean isSerialSold(String sku, String serial) {
            return soldSerials.contains(sku + "/" + serial);
        }

        @Override
        public ParkedSales.Summary park(Ticket ticket, String cashierId) {
            parked.add(ticket);
            events.add("PARKED " + ticket.saleId());
            return new ParkedSales.Summary(ticket.saleId(), cashierId, java.time.Instant.EPOCH,
                    ticket.activeLines().size(), ticket.totalDue());
        }

        @Override
        public List<ParkedSales.Summary> parked() {
            return parked.stream().map(t -> new ParkedSales.Summary(t.saleId(), "u", java.time.Instant.EPOCH,
                    t.activeLines().size(), t.totalDue())).toList();
        }

        @Override
        public Optional<Ticket> recall(UUID saleId, SaleCalculator calculator) {
            Optional<Ticket> t = parked.stream().filter(p -> p.saleId().equals(saleId)).findFirst();
            t.ifPresent(parked::remove);
            return t;
        }

        @Override
        public void voidSale(UUID saleId, String reason, String userId, String approvedBy) {
            events.add("VOIDED " + reason + " by " + userId + " approved " + approvedBy);
        }

        @Override
        public void noSale(UUID tillSessionId, String userId, String reason, String approvedBy) {
            events.add("NO_SALE " + reason + " by " + userId + " approved " + approvedBy);
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final List<ApprovalRequest> asked = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private Approval grant = new Approval("X", null, "u-ben", "ok");
    private Session session;
    private CheckoutViewModel vm;

    @BeforeEach
    void setUp() {
        session = new Session(new IdleLock(Clock.systemUTC(), Duration.ofMinutes(5)));
        session.signIn(new User("u-anna", "1", "Anna", Role.CASHIER));
        vm = create(Runnable::run);
    }

    private CheckoutViewModel create(Executor background) {
        return create(background, new FakeCatalog());
    }

    private CheckoutViewModel create(Executor background, ProductSearch catalog) {
        SaleCalculator calc = new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT);
        return new CheckoutViewModel(catalog, store, session, this::approve, background, Runnable::run,
                Locale.US, FxmlView.Messages.bundle(Locale.ENGLISH), calc, UUID::randomUUID,
                new OverrideLimits(new BigDecimal("10"), Money.of("5.00", "EUR")), ScanDecoder.IN_STORE_WEIGHT_LABELS,
                (top, bottom) -> shown.add(top + " | " + bottom));
    }

    private void approve(ApprovalRequest request, Consumer<Approval> onApproved) {
        asked.add(request);
        if (grant != null) {
            onApproved.accept(new Approval(request.action(), request.lineNo(), grant.approvedBy(), grant.reason()));
        }
    }

    private void type(String text) {
        vm.queryProperty().set(text);
        vm.submit();
    }

    @Test
    void scanningABarcodeAddsALineAndUpdatesTotalsAndTaxes() {
        type("4000000000017");
        type("4000000000024");
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Whole Milk 1 l", "Dish Soap");
        assertThat(vm.totalProperty().get()).isEqualTo("€3.68");
        assertThat(vm.taxes()).extracting(TaxRow::rate).containsExactly("7 %", "19 %");
        assertThat(vm.queryProperty().get()).isEmpty();
        assertThat(vm.selectedLineProperty().get()).isEqualTo(2);
        assertThat(shown).last().isEqualTo("Dish Soap | €2.49");
    }

    /** The changes {@code list} reports, one string per change: "+from..to", "~from..to" (replaced), "-from". */
    private static List<String> changesOf(javafx.collections.ObservableList<?> list, Runnable action) {
        List<String> seen = new ArrayList<>();
        javafx.collections.ListChangeListener<Object> l = c -> {
            while (c.next()) {
                seen.add((c.wasReplaced() ? "~" : c.wasAdded() ? "+" : c.wasRemoved() ? "-" : "?") + c.getFrom()
                        + (c.wasAdded() ? ".." + c.getTo() : ""));
            }
        };
        list.addListener(l);
        try {
            action.run();
        } finally {
            list.removeListener(l);
        }
        return seen;
    }

    @Test
    void aScanAddsItsRowAndLeavesTheRowsAlreadyShownUntouched() {
        type("4000000000017");
        type("4000000000024");
        TicketRow first = vm.lines().get(0);

        List<String> changes = changesOf(vm.lines(), () -> type("4000000000017"));

        // one row added at the end: the ticket table lays out one new row instead of rebuilding all
        assertThat(changes).containsExactly("+2..3");
        assertThat(vm.lines().get(0)).isSameAs(first);
        assertThat(vm.lines()).extracting(TicketRow::name)
                .containsExactly("Whole Milk 1 l", "Dish Soap", "Whole Milk 1 l");
    }

    @Test
    void aChangeToOneLineReplacesOnlyThatRowAndTaxesOfTheSameRatesOnlyChangeTheirAmounts() {
        type("4000000000017");
        type("4000000000024");
        type("4000000000017");
        TicketRow soap = vm.lines().get(1);
        vm.selectedLineProperty().set(3);

        List<String> taxChanges = new ArrayList<>();
        List<String> changes = changesOf(vm.lines(), () -> taxChanges.addAll(changesOf(vm.taxes(), vm::voidLine)));

        assertThat(changes).containsExactly("~2..3");
        assertThat(vm.lines().get(1)).isSameAs(soap);
        assertThat(vm.lines().get(2).voided()).isTrue();
        assertThat(taxChanges).containsExactly("~0..1"); // the 7 % row's amounts; the 19 % row is as it was
        assertThat(vm.taxes()).extracting(TaxRow::rate).containsExactly("7 %", "19 %");
        assertThat(vm.totalProperty().get()).isEqualTo("€3.68");
    }

    @Test
    void aReceiptDiscountChangesTheTotalButNotTheRowsOfTheLines() {
        type("4000000000017");
        type("4000000000024");
        List<TicketRow> before = List.copyOf(vm.lines());

        vm.queryProperty().set("20%");
        List<String> changes = changesOf(vm.lines(), vm::discountReceipt);

        // lines show their own totals; the receipt discount is under the ticket
        assertThat(changes).isEmpty();
        assertThat(vm.lines()).extracting(TicketRow::total).containsExactly("€1.19", "€2.49");
        assertThat(vm.lines().get(0)).isSameAs(before.get(0));
        assertThat(vm.totalProperty().get()).isEqualTo("€2.94");
        assertThat(vm.discountTotalProperty().get()).isEqualTo("− €0.74");
    }

    @Test
    void aNewSaleEmptiesTheTicketAndTheTaxes() {
        type("4000000000017");
        type("4000000000024");

        vm.newSale();

        assertThat(vm.lines()).isEmpty();
        assertThat(vm.taxes()).isEmpty();
        type("4000000000024");
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Dish Soap");
        assertThat(vm.taxes()).extracting(TaxRow::rate).containsExactly("19 %");
    }

    @Test
    void aScanOfAProductHeldInMemoryShowsItsLineWithoutWaitingForTheStoreThread() {
        ManualExecutor background = new ManualExecutor();
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.held.addAll(CODES.keySet());
        vm = create(background, catalog);
        type("4000000000017"); // the first scan of the screen asks the store whether the till is open
        background.runAll();
        assertThat(vm.lines()).hasSize(1);

        type("4000000000024");

        assertThat(background.tasks).isEmpty();
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Whole Milk 1 l", "Dish Soap");
    }

    @Test
    void queuedNameSearchesAreDroppedWhenAScanComes() {
        ManualExecutor background = new ManualExecutor();
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.held.addAll(CODES.keySet());
        vm = create(background, catalog);
        vm.queryProperty().set("m");
        vm.queryProperty().set("mi");
        vm.queryProperty().set("mil");
        assertThat(background.tasks).hasSize(3); // the store thread is busy: they wait

        type("4000000000017");
        background.runAll();

        assertThat(catalog.searched).isEmpty();
        assertThat(vm.results()).isEmpty();
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Whole Milk 1 l");
    }

    @Test
    void onlyTheLatestOfQueuedSearchesRuns() {
        ManualExecutor background = new ManualExecutor();
        InMemoryCatalog catalog = new InMemoryCatalog();
        vm = create(background, catalog);
        vm.queryProperty().set("s");
        vm.queryProperty().set("so");
        vm.queryProperty().set("soa");
        background.runAll();
        assertThat(catalog.searched).containsExactly("soa");
        assertThat(vm.results()).extracting(ProductRow::name).containsExactly("Dish Soap");
    }

    @Test
    void aScanHeldInMemoryWaitsForAnEarlierScanStillAtTheStoreSoLinesKeepTheirOrder() {
        ManualExecutor background = new ManualExecutor();
        InMemoryCatalog catalog = new InMemoryCatalog();
        vm = create(background, catalog);
        type("4000000000017");
        background.runAll(); // till known
        catalog.held.add("4000000000024"); // soap is held, milk is not

        type("4000000000017"); // goes to the store thread
        type("4000000000024"); // must not overtake it
        assertThat(vm.lines()).hasSize(1);
        background.runAll();

        assertThat(vm.lines()).extracting(TicketRow::name)
                .containsExactly("Whole Milk 1 l", "Whole Milk 1 l", "Dish Soap");
    }

    @Test
    void threeStarBeforeAScanMultipliesTheLine() {
        type("3*4000000000017");
        assertThat(vm.lines()).singleElement().satisfies(r -> {
            assertThat(r.quantity()).isEqualTo("3");
            assertThat(r.total()).isEqualTo("€3.57");
        });
        type("2*");
        assertThat(vm.messageProperty().get()).contains("Quantity 2");
        type("4000000000024");
        assertThat(vm.lines().get(1).quantity()).isEqualTo("2");
    }

    @Test
    void anUnknownBarcodeSaysSoAndAlertsButTheSaleGoesOn() {
        type("4000000000017");
        type("4009999999999");
        assertThat(vm.messageProperty().get()).isEqualTo(
                "Unknown barcode 4009999999999: not in the catalog. Check the number or search by name.");
        assertThat(vm.toneProperty().get()).isEqualTo(CheckoutViewModel.Tone.ERROR);
        assertThat(vm.alertsProperty().get()).isEqualTo(1);
        type("4000000000024");
        assertThat(vm.lines()).hasSize(2);
    }

    @Test
    void aWeighedItemAsksForItsWeight() {
        type("2100003");
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.WEIGHT);
        assertThat(vm.promptProperty().get()).contains("Weight of Emmentaler in kg");
        type("abc");
        assertThat(vm.alertsProperty().get()).isEqualTo(1);
        type("0,375");
        assertThat(vm.lines()).singleElement().satisfies(r -> {
            assertThat(r.quantity()).isEqualTo("0.375 kg");
            assertThat(r.total()).isEqualTo("€7.46");
        });
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.ITEM);
    }

    @Test
    void aStableScaleReadingFillsTheWeightByItself() {
        vm.useScale(() -> Optional.of(new BigDecimal("0.512")), Runnable::run);
        type("2100003");
        assertThat(vm.lines()).singleElement().satisfies(r -> assertThat(r.quantity()).isEqualTo("0.512 kg"));
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.ITEM);
    }

    @Test
    void withoutAStableReadingTheCashierTypesTheWeight() {
        vm.useScale(Optional::empty, Runnable::run);
        type("2100003");
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.WEIGHT);
        type("0.375");
        assertThat(vm.lines()).singleElement().satisfies(r -> assertThat(r.quantity()).isEqualTo("0.375 kg"));
    }

    @Test
    void aWeightEmbeddedLabelCarriesItsOwnWeight() {
        type("2100003012508"); // 21 00003 01250 8: 1.250 kg
        assertThat(vm.lines()).singleElement().satisfies(r -> assertThat(r.quantity()).isEqualTo("1.25 kg"));
    }

    @Test
    void aSerializedItemNeedsASerialThatWasNotSoldBefore() {
        store.soldSerials.add("4/SN-OLD");
        type("4000000000031");
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.SERIAL);
        type("SN-OLD");
        assertThat(vm.messageProperty().get()).contains("Serial SN-OLD of Smartphone Black was already sold");
        assertThat(vm.lines()).isEmpty();
        type("SN-NEW");
        assertThat(vm.lines()).singleElement().satisfies(r -> assertThat(r.detail()).isEqualTo("S/N SN-NEW"));
        type("4000000000031");
        type("SN-NEW");
        assertThat(vm.messageProperty().get()).isEqualTo("Serial SN-NEW is already on this ticket.");
    }

    @Test
    void aVoidedLineStaysVisibleButCountsForNothing() {
        type("4000000000017");
        type("4000000000024");
        vm.selectedLineProperty().set(1);
        vm.voidLine();
        assertThat(vm.lines().get(0).voided()).isTrue();
        assertThat(vm.totalProperty().get()).isEqualTo("€2.49");
    }

    @Test
    void aSmallPriceCutNeedsNoApprovalButABigOneDoesAndIsRecorded() {
        type("4000000000024");
        vm.queryProperty().set("2.29");
        vm.overridePrice();
        assertThat(asked).isEmpty();
        assertThat(vm.totalProperty().get()).isEqualTo("€2.29");
        vm.queryProperty().set("1.00");
        grant = new Approval("X", null, "u-ben", "damaged box");
        vm.overridePrice();
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("PRICE_OVERRIDE"));
        assertThat(vm.ticket().approvals()).containsExactly(new Approval("PRICE_OVERRIDE", 1, "u-ben", "damaged box"));
        assertThat(vm.lines().get(0).detail()).isEqualTo("price was €2.49");
    }

    @Test
    void aRefusedApprovalChangesNothing() {
        type("4000000000024");
        grant = null;
        vm.queryProperty().set("50%");
        vm.discountLine();
        assertThat(asked).hasSize(1);
        assertThat(vm.totalProperty().get()).isEqualTo("€2.49");
        assertThat(vm.ticket().approvals()).isEmpty();
    }

    @Test
    void receiptDiscountAboveTheLimitNeedsASupervisor() {
        type("4000000000017");
        type("4000000000024");
        vm.queryProperty().set("5%");
        vm.discountReceipt();
        assertThat(asked).isEmpty();
        vm.queryProperty().set("20%");
        vm.discountReceipt();
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("RECEIPT_DISCOUNT"));
        assertThat(vm.totalProperty().get()).isEqualTo("€2.94");
    }

    @Test
    void parkingClearsTheScreenAndRecallBringsTheSaleBack() {
        type("4000000000017");
        UUID id = vm.ticket().saleId();
        vm.park();
        assertThat(vm.lines()).isEmpty();
        assertThat(store.parked).hasSize(1);
        vm.showParked();
        assertThat(vm.recallShowingProperty().get()).isTrue();
        vm.recall(vm.parkedList().get(0));
        assertThat(vm.ticket().saleId()).isEqualTo(id);
        assertThat(vm.lines()).hasSize(1);
    }

    @Test
    void aCashierNeedsASupervisorToVoidTheSaleOrOpenTheDrawer() {
        type("4000000000017");
        grant = new Approval("X", null, "u-ben", "customer left");
        vm.voidSale();
        assertThat(store.events).singleElement().asString().isEqualTo("VOIDED customer left by u-anna approved u-ben");
        assertThat(vm.lines()).isEmpty();
        vm.noSale();
        assertThat(store.events).last().asString().isEqualTo("NO_SALE customer left by u-anna approved u-ben");
    }

    @Test
    void aSupervisorVoidsWithAReasonTypedIntoTheMainField() {
        session.signOut();
        session.signIn(new User("u-ben", "2", "Ben", Role.SUPERVISOR));
        type("4000000000017");
        vm.voidSale();
        assertThat(vm.modeProperty().get()).isEqualTo(CheckoutViewModel.Mode.VOID_REASON);
        type("wrong customer");
        assertThat(asked).isEmpty();
        assertThat(store.events).containsExactly("VOIDED wrong customer by u-ben approved null");
    }

    @Test
    void typingLettersSearchesAndEnterAddsTheFirstHit() {
        vm.queryProperty().set("milk");
        assertThat(vm.results()).extracting(ProductRow::name).containsExactly("Whole Milk 1 l");
        vm.submit();
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Whole Milk 1 l");
    }

    @Test
    void digitsDoNotStartANameSearch() {
        ManualExecutor bg = new ManualExecutor();
        vm = create(bg);
        vm.queryProperty().set("40000");
        assertThat(bg.tasks).isEmpty();
    }

    @Test
    void theDigitsOfAScanLeaveTheEmptyResultListAlone() {
        List<String> changes = changesOf(vm.results(), () -> {
            String code = "4000000000017";
            for (int i = 1; i <= code.length(); i++) {
                vm.queryProperty().set(code.substring(0, i)); // one key event each, as a wedge scanner types
            }
            vm.submit();
        });

        // no change event per digit: the result list is not laid out again at every key of a scan
        assertThat(changes).isEmpty();
        assertThat(vm.lines()).extracting(TicketRow::name).containsExactly("Whole Milk 1 l");
    }

    @Test
    void aSlowOlderSearchNeverOverwritesANewerOne() {
        ManualExecutor bg = new ManualExecutor();
        vm = create(bg);
        vm.queryProperty().set("milk");
        vm.queryProperty().set("xyz");
        bg.runLast(); // "xyz" finishes first: nothing found
        bg.runAll(); // then the stale "milk" result arrives
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("No product matches \"xyz\"");
    }

    @Test
    void nothingIsSoldWhileTheTillIsClosed() {
        store.till = null;
        type("4000000000017");
        assertThat(vm.lines()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("The till is not open.");
        store.till = UUID.randomUUID();
        type("4000000000017");
        assertThat(vm.lines()).hasSize(1);
    }

    @Test
    void payingAnEmptyTicketIsRefused() {
        List<Ticket> paid = new ArrayList<>();
        vm.setOnPay(paid::add);
        vm.pay();
        assertThat(paid).isEmpty();
        type("4000000000017");
        vm.pay();
        assertThat(paid).hasSize(1);
    }
}
