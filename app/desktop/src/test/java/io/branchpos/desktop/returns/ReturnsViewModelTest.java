package io.branchpos.desktop.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.common.FxmlView;
import io.branchpos.desktop.session.Session;
import io.branchpos.domain.auth.IdleLock;
import io.branchpos.domain.auth.Role;
import io.branchpos.domain.auth.User;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.RefundRejectedException;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreConfig;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.domain.sale.Approval;
import io.branchpos.store.sale.NoReceiptRefund;
import io.branchpos.store.sale.NoReceiptRefunds;
import io.branchpos.store.sale.RefundReceipt;
import io.branchpos.store.sale.RefundRequest;
import io.branchpos.store.sale.SalesRepository;
import io.branchpos.store.sale.SalesRepository.SaleView;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The returns screen against a real store: partial refunds add up and never exceed what was sold. */
class ReturnsViewModelTest {
    @TempDir
    Path dir;
    private LocalStore store;
    private SalesRepository sales;
    private CatalogRepository catalog;
    private ReturnsViewModel vm;
    private String receipt;
    private final java.util.List<String> asked = new java.util.ArrayList<>();
    private String approver;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.systemUTC();
        store = LocalStore.open(new StoreConfig(dir, "T-001", clock, new UuidV7Generator(clock, new SecureRandom()),
                StoreConfig.Durability.FSYNC));
        catalog = new CatalogRepository(store);
        catalog.importAll(new DemoCatalog(5, 42), DemoCatalog.RATES);
        sales = new SalesRepository(store);
        Product p = catalog.findByBarcode(DemoCatalog.primaryBarcode(0)).orElseThrow();
        Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
        t.add(p, new BigDecimal("3"));
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.cash(t.totalDue()));
        receipt = sales.complete(CompletedSale.of(t, s, "u-anna", clock.instant())).receiptNumber();

        Session session = new Session(new IdleLock(clock, Duration.ofMinutes(5)));
        session.signIn(new User("u-anna", "1", "Anna", Role.CASHIER));
        ReturnsViewModel.ReturnsStore rs = new ReturnsViewModel.ReturnsStore() {
            @Override
            public Optional<SaleView> findByReceipt(String receiptNumber) {
                return sales.findByReceipt(receiptNumber);
            }

            @Override
            public RefundReceipt refund(RefundRequest request) throws RefundRejectedException {
                return sales.refund(request);
            }

            @Override
            public Optional<Product> productByBarcode(String code) {
                return catalog.findByBarcode(code);
            }

            @Override
            public RefundReceipt refundWithoutReceipt(NoReceiptRefund request) {
                return new NoReceiptRefunds(store).refund(request);
            }
        };
        vm = new ReturnsViewModel(rs, session, (r, cb) -> {
            asked.add(r.action());
            if (approver != null) {
                cb.accept(new Approval(r.action(), null, approver, "no receipt, regular customer"));
            }
        }, Runnable::run, Runnable::run, Locale.US, FxmlView.Messages.bundle(Locale.ENGLISH));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void refund(String qty) {
        vm.lines().get(0).returnQuantityProperty().set(qty);
        vm.reasonProperty().set("changed mind");
        vm.confirm();
    }

    @Test
    void twoPartialRefundsCannotTogetherExceedTheSale() {
        vm.receiptNumberProperty().set(receipt);
        vm.find();
        assertThat(vm.lines()).singleElement().satisfies(l -> assertThat(l.refundable()).isEqualByComparingTo("3"));
        refund("2");
        assertThat(vm.messageProperty().get()).startsWith("Refunded").contains("as Cash against receipt " + receipt);
        assertThat(vm.lines().get(0).refunded()).isEqualByComparingTo("2");
        refund("2");
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("at most 1 can be refunded");
        vm.confirm();
        assertThat(vm.messageProperty().get()).startsWith("Refund refused").contains("at most 1 can be refunded");
        refund("1");
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.lines().get(0).refundable()).isEqualByComparingTo("0");
        SaleView v = sales.findByReceipt(receipt).orElseThrow();
        Money refunded = v.refunded().stream().map(r -> r.gross()).reduce(Money::plus).orElseThrow();
        assertThat(refunded).isEqualTo(v.lines().get(0).gross());
        assertThat(new JournalRepository(store).verifyChain().ok()).isTrue();
    }

    @Test
    void storeCreditIsOfferedAndAnUnknownReceiptIsSaidSo() {
        vm.receiptNumberProperty().set("T-001-999999");
        vm.find();
        assertThat(vm.messageProperty().get()).isEqualTo("No sale with receipt number T-001-999999 at this branch.");
        vm.receiptNumberProperty().set(io.branchpos.hardware.scan.ReceiptQr.encode(receipt,
                sales.findByReceipt(receipt).orElseThrow().saleId()));
        vm.find();
        vm.refundTo(ReturnsViewModel.RefundTo.STORE_CREDIT);
        refund("1");
        assertThat(vm.messageProperty().get()).contains("as Store credit");
    }

    @Test
    void aReturnWithoutReceiptNeedsASupervisorAndIsJournaledWithTheApprover() {
        vm.startWithoutReceipt();
        vm.receiptNumberProperty().set(DemoCatalog.primaryBarcode(1));
        vm.find();
        vm.receiptNumberProperty().set(DemoCatalog.primaryBarcode(1));
        vm.find();
        assertThat(vm.lines()).singleElement().satisfies(l -> assertThat(l.returnQuantityProperty().get()).isEqualTo("2"));
        vm.confirm();
        assertThat(asked).containsExactly("REFUND_WITHOUT_RECEIPT");
        assertThat(new JournalRepository(store).after(0, 100)).noneMatch(e -> e.payload().contains("\"originalSaleId\":null"));
        approver = "u-ben";
        vm.confirm();
        assertThat(vm.messageProperty().get()).startsWith("Refunded").contains("without receipt");
        var last = new JournalRepository(store).after(0, 100).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.type()).isEqualTo("REFUND_COMPLETED");
        assertThat(last.payload()).contains("\"originalSaleId\":null", "\"approvedBy\":\"u-ben\"",
                "\"quantity\":\"2\"", "\"tender\":\"CASH\"");
        assertThat(io.branchpos.sync.protocol.PayloadValidator.validate(last.type(), last.schemaVersion(),
                last.payload()).problems()).isEmpty();
    }
}
