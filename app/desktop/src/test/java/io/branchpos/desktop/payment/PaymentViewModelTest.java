package io.branchpos.desktop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.receipt.PlainTextReceipt;
import io.branchpos.desktop.receipt.ReceiptOutput;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.CashRounding;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.domain.tax.TaxRate;
import io.branchpos.store.StoreException;
import io.branchpos.store.sale.SaleReceipt;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentViewModelTest {
    private static final Product WINE = new Product(new Sku("9"), "Riesling Wine 0.75 l", "Beverages",
            TaxRate.of("STANDARD", "19"), UnitOfMeasure.PIECE, Money.of("12.34", "EUR"), true, false);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T16:30:00Z"), ZoneOffset.UTC);

    private final Deque<Runnable> store = new ArrayDeque<>();
    private final List<CompletedSale> committed = new ArrayList<>();
    private Function<CompletedSale, SaleReceipt> completer = sale -> {
        committed.add(sale);
        return new SaleReceipt(sale.saleId(), "T-001-000007", LocalDate.of(2026, 11, 22), 7);
    };
    private PaymentViewModel vm;
    private Ticket ticket;

    @BeforeEach
    void setUp() {
        Session session = new Session(new IdleLock(CLOCK, Duration.ofMinutes(5)));
        session.signIn(new User("u-anna", "1", "Anna Cashier", Role.CASHIER));
        var texts = FxmlView.Messages.bundle(Locale.ENGLISH);
        PlainTextReceipt layout = new PlainTextReceipt(Locale.US, texts, ZoneOffset.UTC);
        ReceiptOutput out = data -> new ReceiptOutput.Printed(layout.lines(data), null, null);
        vm = new PaymentViewModel(s -> completer.apply(s), out, session, store::add, Runnable::run, Locale.US, texts,
                CashRounding.NONE, CLOCK, (a, b) -> {
                }, "Demo Store", "T-001");
        ticket = new Ticket(UUID.randomUUID(), new SaleCalculator(Currency.getInstance("EUR"), PricingMode.INCLUSIVE,
                RoundingPolicy.DEFAULT));
        ticket.add(WINE, BigDecimal.ONE);
        vm.begin(ticket);
    }

    private void runStore() {
        while (!store.isEmpty()) {
            store.removeFirst().run();
        }
    }

    @Test
    void cashAboveTheTotalGivesChangeAndPaidShowsOnlyAfterTheCommit() {
        vm.amountProperty().set("20");
        vm.enter();
        assertThat(vm.stateProperty().get()).isEqualTo(PaymentViewModel.State.SAVING);
        assertThat(vm.messageProperty().get()).isEqualTo("Saving the sale…");
        assertThat(committed).isEmpty();
        runStore();
        assertThat(committed).singleElement().satisfies(s -> assertThat(s.change()).isEqualTo(Money.of("7.66", "EUR")));
        assertThat(vm.stateProperty().get()).isEqualTo(PaymentViewModel.State.PAID);
        assertThat(vm.messageProperty().get()).isEqualTo("Paid. Give €7.66 change.");
        assertThat(vm.changeProperty().get()).isEqualTo("€7.66");
        assertThat(vm.receiptNumberProperty().get()).isEqualTo("T-001-000007");
        assertThat(vm.receiptTextProperty().get()).contains("Riesling Wine 0.75 l", "TOTAL EUR", "12.34", "20.00",
                "7.66", "Receipt T-001-000007");
    }

    @Test
    void splitTenderCardThenCash() {
        vm.amountProperty().set("10");
        vm.referenceProperty().set("TID-4711");
        vm.payCard();
        assertThat(vm.remainingProperty().get()).isEqualTo("€2.34");
        vm.payCash(); // empty amount: exactly the rest
        runStore();
        assertThat(committed).singleElement().satisfies(s -> {
            assertThat(s.payments()).extracting(p -> p.tender()).containsExactly(Tender.CARD, Tender.CASH);
            assertThat(s.payments().get(0).reference()).isEqualTo("TID-4711");
            assertThat(s.change().isZero()).isTrue();
        });
    }

    @Test
    void aCardNeedsTheTerminalReferenceAndCannotExceedTheTotal() {
        vm.payCard();
        assertThat(vm.messageProperty().get()).startsWith("Type the card terminal");
        vm.referenceProperty().set("TID-1");
        vm.amountProperty().set("20");
        vm.payCard();
        assertThat(vm.messageProperty().get()).contains("gives no change");
        assertThat(vm.payments()).isEmpty();
    }

    @Test
    void aVoucherAndStoreCreditCanPayTogether() {
        vm.amountProperty().set("5");
        vm.referenceProperty().set("GIFT-123");
        vm.payVoucher();
        vm.payStoreCredit();
        runStore();
        assertThat(committed.get(0).payments()).extracting(p -> p.tender())
                .containsExactly(Tender.VOUCHER, Tender.STORE_CREDIT);
    }

    @Test
    void aFailedCommitIsNotPaidAndCanBeRetried() {
        completer = s -> {
            throw new StoreException("disk full", null);
        };
        vm.amountProperty().set("20");
        vm.enter();
        runStore();
        assertThat(vm.stateProperty().get()).isEqualTo(PaymentViewModel.State.ENTERING);
        assertThat(vm.messageProperty().get()).startsWith("The sale was NOT saved: disk full");
        completer = s -> new SaleReceipt(s.saleId(), "T-001-000008", LocalDate.of(2026, 11, 22), 8);
        vm.enter();
        runStore();
        assertThat(vm.stateProperty().get()).isEqualTo(PaymentViewModel.State.PAID);
    }

    @Test
    void aReprintIsMarkedCopy() {
        vm.payCash();
        runStore();
        vm.reprint();
        runStore();
        assertThat(vm.receiptTextProperty().get()).startsWith(" ").contains("*** COPY ***");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            12.34, 12.34 15.00 20.00 50.00
            20.00, 20.00 50.00 100.00
            4.10,  4.10 5.00 10.00 20.00
            """)
    void quickTendersAreTheExactAmountAndTheNextNotes(String due, String expected) {
        assertThat(PaymentViewModel.quickAmounts(Money.of(due, "EUR")))
                .extracting(Money::toPlainString).containsExactly(expected.split(" "));
    }
}
