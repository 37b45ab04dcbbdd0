package io.branchpos.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.payment.PaymentViewModel;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.domain.money.RoundingPolicy;
import java.math.BigDecimal;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.sale.SalesRepository.SaleView;
import io.branchpos.desktop.checkout.ProductRow;
import io.branchpos.desktop.checkout.TicketView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Whole cashier flows on the real app (demo store on a fresh H2 file), headless under Monocle,
 * signed in and driven by the keyboard like a cashier would: every sale is checked in the journal
 * the store wrote and on the virtual printer. One app start for all flows keeps the suite short.
 */
class CheckoutFlowUiTest {
    @TempDir
    static Path dataDir;
    private static RunningApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningApp.start(dataDir);
        new FxRobot().write("1").type(KeyCode.ENTER).write("1111").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().session().activeBinding().get());
    }

    @AfterAll
    static void everyEventMatchesTheWireContractThenStop() throws Exception {
        try {
            // what the checkout journaled is what HQ accepts (sync.protocol's payload rules)
            List<JournalEvent> events = app.context().journal().after(0, 10_000);
            assertThat(events).extracting(JournalEvent::type).contains("SALE_COMPLETED", "REFUND_COMPLETED");
            assertThat(events).allSatisfy(e -> assertThat(io.branchpos.sync.protocol.PayloadValidator
                    .validate(e.type(), e.schemaVersion(), e.payload()).problems()).as(e.type()).isEmpty());
        } finally {
            app.stop();
        }
    }

    @AfterEach
    void backToAnEmptyTicket() throws Exception {
        robot.interact(() -> {
            app.shell().approval().cancel();
            app.shell().screenProperty().set(TerminalShell.Screen.SELL);
            app.shell().checkout().newSale();
            app.shell().focus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Product product(int i) {
        return app.context().catalog().findByBarcode(DemoCatalog.primaryBarcode(i)).orElseThrow();
    }

    private void scan(String code) throws Exception {
        int before = app.shell().checkout().lines().size();
        robot.write(code).type(KeyCode.ENTER);
        app.settle();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().checkout().lines().size() > before
                || !app.shell().checkout().messageProperty().get().startsWith("Added"));
    }

    private void waitPaid() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.shell().payment().stateProperty().get() == PaymentViewModel.State.PAID);
        app.settle();
    }

    private JournalEvent lastEvent(String type) {
        List<JournalEvent> all = app.context().journal().after(0, 10_000);
        return all.stream().filter(e -> e.type().equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void publishPromotion(FeedStore feed, String sku, long version, String until) {
        String after = feed.state().cursor();
        feed.apply(after, List.of(new FeedEntry("PROMOTION", "UI-DEAL", false, "{\"promotionId\":\"UI-DEAL\",\"version\":"
                + version + ",\"name\":\"Autumn deal -25%\",\"kind\":\"PERCENT_OFF\",\"target\":{\"skus\":[\"" + sku + "\"]},"
                + "\"currency\":\"EUR\",\"percent\":\"25\",\"validFrom\":\"2020-01-01T00:00:00Z\",\"validUntil\":"
                + (until == null ? "null" : "\"" + until + "\"") + "}")), after + "1", false, 0);
    }

    @Test
    void aPromotionFromHqShowsOnTheTicketLineAndOnTheReceiptAndTheSaleRecordsIt() throws Exception {
        int index = 11;
        while (product(index).unit().isMeasured() || product(index).serialized()) {
            index++;
        }
        Product p = product(index);
        FeedStore feed = new FeedStore(app.context().store());
        publishPromotion(feed, p.sku().value(), 1, null);
        try {
            scan(DemoCatalog.primaryBarcode(index));
            scan(DemoCatalog.primaryBarcode(index));
            // two scans, two lines: a quarter off each
            Money off = p.price().times(new BigDecimal("0.25"), RoundingPolicy.DEFAULT.mode());
            Money base = p.price().plus(p.price());
            String tag = "Autumn deal -25% \u2212" + app.shell().payment().format(off);
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".line-detail").queryAllAs(Label.class)
                        .stream().filter(l -> l.isVisible() && tag.equals(l.getText())).count() == 2);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no line shows '" + tag + "': " + app.shell().checkout().lines(), e);
            }
            assertThat(text(".total-amount")).isEqualTo(app.shell().payment().format(base.minus(off).minus(off)));

            robot.type(KeyCode.F12);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> app.shell().screenProperty().get() == TerminalShell.Screen.PAYMENT);
            robot.write("1000").type(KeyCode.ENTER);
            waitPaid();
            String receipt = robot.lookup(".receipt-text").queryAs(TextArea.class).getText();
            assertThat(receipt).contains("Autumn deal -25%", "-" + off.toPlainString());
            assertThat(lastEvent("SALE_COMPLETED").payload()).contains("\"promotionId\":\"UI-DEAL\"",
                    "\"promotionVersion\":1", "\"promotionDiscount\":\"" + off.toPlainString() + "\"");
        } finally {
            // ended before it began: the other flows sell at list prices
            publishPromotion(feed, p.sku().value(), 2, "2020-01-01T00:00:00Z");
        }
    }

    @Test
    void typingInTheSearchFieldListsMatchingDemoProducts() throws Exception {
        robot.clickOn(".search-field").write("whole milk");
        ListView<ProductRow> list = robot.lookup(".result-list").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !list.getItems().isEmpty());
        assertThat(list.getItems()).allSatisfy(r -> assertThat(r.name()).containsIgnoringCase("whole milk"));
        assertThat(Files.exists(dataDir.resolve("branchpos.mv.db"))).isTrue();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void statusBarShowsTerminalAndCatalogSize() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("1,000 products").tryQuery().isPresent());
        assertThat(robot.lookup("Terminal DEMO-01").tryQuery()).isPresent();
        assertThat(robot.lookup("Cashier: Anna Cashier").tryQuery()).isPresent();
    }

    @Test
    void scanThreeItemsPayCashAndTheChangeAndReceiptAreRight() throws Exception {
        Product a = product(0);
        Product b = product(1);
        Product c = product(2);
        scan(DemoCatalog.primaryBarcode(0));
        scan(DemoCatalog.primaryBarcode(1));
        scan(DemoCatalog.primaryBarcode(2));
        Money total = a.price().plus(b.price()).plus(c.price());
        assertThat(robot.lookup(".ticket-view").queryAs(TicketView.class).getItems()).hasSize(3);
        assertThat(text(".total-amount")).isEqualTo(app.shell().payment().format(total));

        robot.type(KeyCode.F12);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.shell().screenProperty().get() == TerminalShell.Screen.PAYMENT);
        robot.write("50").type(KeyCode.ENTER);
        waitPaid();
        Money change = Money.of("50.00", "EUR").minus(total);
        assertThat(text(".pay-change")).isEqualTo(app.shell().payment().format(change));
        assertThat(app.shell().payment().messageProperty().get()).isEqualTo(
                "Paid. Give " + app.shell().payment().format(change) + " change.");

        String receipt = robot.lookup(".receipt-text").queryAs(TextArea.class).getText();
        assertThat(receipt).contains(a.name().substring(0, 20), b.name().substring(0, 20), c.name().substring(0, 20),
                "TOTAL EUR", total.toPlainString(), "50.00", change.toPlainString(),
                "Receipt " + app.shell().payment().receiptNumberProperty().get(), "Served by Anna Cashier");

        JournalEvent sale = lastEvent("SALE_COMPLETED");
        assertThat(sale.payload()).contains("\"gross\":\"" + total.toPlainString() + "\"",
                "\"tender\":\"CASH\",\"amount\":\"50.00\",\"change\":\"" + change.toPlainString() + "\"",
                "\"cashierId\":\"u-anna\"");
        // printed on the virtual printer: the bytes rendered back say the same, with the receipt QR and a drawer kick
        var virtual = app.app().printer().virtualPrinter();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !virtual.completeJobs().isEmpty());
        var printed = virtual.completeJobs().get(virtual.completeJobs().size() - 1).rendered();
        assertThat(String.join("\n", printed.textLines())).contains("TOTAL EUR", total.toPlainString(),
                change.toPlainString());
        assertThat(printed.drawerPulses()).isEqualTo(1);
        assertThat(printed.cuts()).isEqualTo(1);
        assertThat(app.shell().payment().receiptImageProperty().get()).isNotNull();

        int jobs = virtual.completeJobs().size();
        robot.type(KeyCode.F5); // reprint
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> virtual.completeJobs().size() > jobs);
        assertThat(String.join("\n", virtual.completeJobs().get(jobs).rendered().textLines())).contains("COPY");
        assertThat(virtual.completeJobs().get(jobs).rendered().drawerPulses()).isZero();

        robot.type(KeyCode.ENTER); // next customer
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.shell().screenProperty().get() == TerminalShell.Screen.SELL);
        assertThat(app.shell().checkout().lines()).isEmpty();
    }

    @Test
    void splitTenderCardAndCash() throws Exception {
        Product p = product(5); // household, a few euros
        scan(DemoCatalog.primaryBarcode(5));
        robot.type(KeyCode.F12);
        robot.write("1.00").type(KeyCode.TAB).write("TID-778812").type(KeyCode.F2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.shell().payment().remainingProperty().get())
                .isEqualTo(app.shell().payment().format(p.price().minus(Money.of("1.00", "EUR"))));
        robot.clickOn(".amount-field").type(KeyCode.ENTER); // empty amount: the rest in cash
        waitPaid();
        assertThat(lastEvent("SALE_COMPLETED").payload()).contains(
                "{\"tender\":\"CARD\",\"amount\":\"1.00\",\"change\":\"0.00\",\"reference\":\"TID-778812\"}",
                "{\"tender\":\"CASH\",\"amount\":\"" + p.price().minus(Money.of("1.00", "EUR")).toPlainString() + "\"");
    }

    /** Texts of the labels with {@code styleClass} that are on screen (shown with all their parents). */
    private List<String> shownTexts(String styleClass) {
        return robot.lookup(styleClass).queryAllAs(Label.class).stream().filter(l -> {
            for (javafx.scene.Node n = l; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        }).map(Label::getText).filter(t -> t != null && !t.isEmpty()).toList();
    }

    @Test
    void scannedLinesAndTheirTaxesShowOnScreenAndANewSaleLeavesNoOldLineBehind() throws Exception {
        int a = 0;
        while (product(a).unit().isMeasured() || product(a).serialized()) {
            a++;
        }
        int b = a + 1;
        while (product(b).unit().isMeasured() || product(b).serialized()) {
            b++;
        }
        scan(DemoCatalog.primaryBarcode(a));
        scan(DemoCatalog.primaryBarcode(b));
        scan(DemoCatalog.primaryBarcode(a));
        app.settle();

        assertThat(shownTexts(".line-name")).containsExactly(product(a).name(), product(b).name(), product(a).name());
        // the tax grid under the ticket shows the amounts of the current ticket (labels updated in place)
        List<String> taxCells = shownTexts(".tax-cell");
        assertThat(taxCells).containsAll(app.shell().checkout().taxes().stream()
                .flatMap(t -> java.util.stream.Stream.of(t.rate(), t.net(), t.tax(), t.gross())).toList());
        assertThat(taxCells).hasSize(app.shell().checkout().taxes().size() * 4);

        robot.interact(() -> app.shell().checkout().newSale());
        app.settle();
        assertThat(shownTexts(".line-name")).isEmpty();
        assertThat(shownTexts(".tax-cell")).isEmpty();

        scan(DemoCatalog.primaryBarcode(b));
        app.settle();
        assertThat(shownTexts(".line-name")).containsExactly(product(b).name());
    }

    /** Whether the ticket's row of line index {@code i} is entirely inside the ticket's rows area. */
    private boolean rowFullyShown(int i) {
        TicketView ticket = robot.lookup(".ticket-view").queryAs(TicketView.class);
        javafx.scene.Node area = ticket.rowsViewport();
        javafx.scene.Node row = ticket.rowNode(i);
        if (row == null || !row.isVisible()) {
            return false;
        }
        javafx.geometry.Bounds a = area.localToScene(area.getLayoutBounds());
        javafx.geometry.Bounds b = row.localToScene(row.getLayoutBounds());
        return b.getMinY() >= a.getMinY() - 0.5 && b.getMaxY() <= a.getMaxY() + 0.5;
    }

    private String shownRows(TicketView ticket) {
        javafx.scene.Node area = ticket.rowsViewport();
        StringBuilder out = new StringBuilder("rows area " + area.localToScene(area.getLayoutBounds()) + ", rows");
        for (int i = 0; ticket.rowNode(i) != null; i++) {
            javafx.geometry.Bounds b = ticket.rowNode(i).localToScene(ticket.rowNode(i).getLayoutBounds());
            out.append(' ').append(i).append(':').append(b.getMinY()).append('-').append(b.getMaxY());
        }
        return out.toString();
    }

    @Test
    void theLastScannedLineIsShownAndSelectedOnAShortTicketAndOnOneLongerThanTheTable() throws Exception {
        int a = 0;
        while (product(a).unit().isMeasured() || product(a).serialized()) {
            a++;
        }
        String code = DemoCatalog.primaryBarcode(a);
        TicketView table = robot.lookup(".ticket-view").queryAs(TicketView.class);

        scan(code);
        scan(code);
        app.settle();
        double rowsArea = table.rowsViewport().getLayoutBounds().getHeight();
        int fit = (int) (rowsArea / TicketView.ROW_HEIGHT);
        assertThat(fit).isGreaterThan(2);
        // all lines fit: nothing scrolled, the first and the last line are both in view
        assertThat(rowFullyShown(0)).isTrue();
        assertThat(rowFullyShown(1)).isTrue();
        assertThat(table.getSelectedIndex()).isEqualTo(1);

        while (app.shell().checkout().lines().size() < fit + 3) {
            scan(code);
        }
        app.settle();
        int last = app.shell().checkout().lines().size() - 1;
        // longer than the table: scrolled so that the new line is in view, and it is the selected one
        assertThat(rowFullyShown(last)).as(() -> shownRows(table)).isTrue();
        assertThat(rowFullyShown(0)).isFalse();
        assertThat(table.getSelectedIndex()).isEqualTo(last);
    }

    @Test
    void ticketLinesAreSelectedByArrowKeysAndByClickAndTheSelectedOneIsVoidedStruckThrough() throws Exception {
        int a = 0;
        while (product(a).unit().isMeasured() || product(a).serialized()) {
            a++;
        }
        String code = DemoCatalog.primaryBarcode(a);
        TicketView ticket = robot.lookup(".ticket-view").queryAs(TicketView.class);
        scan(code);
        app.settle();
        int fit = (int) (ticket.rowsViewport().getLayoutBounds().getHeight() / TicketView.ROW_HEIGHT);
        while (app.shell().checkout().lines().size() < fit + 3) {
            scan(code);
        }
        app.settle();
        int last = app.shell().checkout().lines().size() - 1;
        assertThat(ticket.getSelectedIndex()).isEqualTo(last);

        // arrow keys from the (empty) search field move through the lines, scrolling back up
        robot.type(KeyCode.UP);
        app.settle();
        assertThat(ticket.getSelectedIndex()).isEqualTo(last - 1);
        assertThat(app.shell().checkout().selectedLineProperty().get())
                .isEqualTo(app.shell().checkout().lines().get(last - 1).lineNo());
        for (int i = 0; i < last; i++) {
            robot.type(KeyCode.UP);
        }
        app.settle();
        assertThat(ticket.getSelectedIndex()).isZero();
        assertThat(rowFullyShown(0)).as(() -> shownRows(ticket)).isTrue();
        assertThat(rowFullyShown(last)).isFalse();

        // a click on a row selects its line; F6 voids that line, which stays on the ticket struck through
        robot.clickOn(ticket.rowNode(2));
        app.settle();
        assertThat(ticket.getSelectedIndex()).isEqualTo(2);
        int lineNo = app.shell().checkout().lines().get(2).lineNo();
        assertThat(app.shell().checkout().selectedLineProperty().get()).isEqualTo(lineNo);
        robot.type(KeyCode.F6);
        app.settle();
        assertThat(app.shell().checkout().lines().get(2).voided()).isTrue();
        assertThat(ticket.rowNode(2).getPseudoClassStates()).contains(javafx.css.PseudoClass.getPseudoClass("voided"));
        assertThat(ticket.rowNode(1).getPseudoClassStates()).doesNotContain(javafx.css.PseudoClass.getPseudoClass("voided"));
        assertThat(ticket.rowNode(2).getPseudoClassStates()).contains(javafx.css.PseudoClass.getPseudoClass("selected"));

        // a scan after that shows the new line at the bottom again, selected
        scan(code);
        app.settle();
        assertThat(ticket.getSelectedIndex()).isEqualTo(last + 1);
        assertThat(rowFullyShown(last + 1)).as(() -> shownRows(ticket)).isTrue();
        assertThat(rowFullyShown(0)).isFalse();
    }

    @Test
    void anUnknownBarcodeShowsAClearMessageAndSellingGoesOn() throws Exception {
        robot.write("4009999999999").type(KeyCode.ENTER);
        app.settle();
        Label message = robot.lookup(".message-bar").queryAs(Label.class);
        assertThat(message.getText()).startsWith("Unknown barcode 4009999999999");
        assertThat(message.getStyleClass()).contains("tone-error");
        scan(DemoCatalog.primaryBarcode(0));
        assertThat(app.shell().checkout().lines()).hasSize(1);
    }

    @Test
    void aSupervisorOverrideIsRecordedInTheSaleEvent() throws Exception {
        scan(DemoCatalog.primaryBarcode(2));
        robot.write("0.50").type(KeyCode.F3);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.shell().approval().showingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("2").type(KeyCode.ENTER).write("2222").type(KeyCode.ENTER).write("dented can")
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.shell().approval().showingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.shell().checkout().lines().get(0).unitPrice()).isEqualTo("€0.50");
        robot.type(KeyCode.F12).type(KeyCode.ENTER);
        waitPaid();
        assertThat(lastEvent("SALE_COMPLETED").payload()).contains("\"unitPrice\":\"0.50\"",
                "\"approvals\":[{\"action\":\"PRICE_OVERRIDE\",\"lineNo\":1,\"approvedBy\":\"u-ben\","
                        + "\"reason\":\"dented can\"}]");
    }

    @Test
    void aPartialRefundTwiceCannotExceedTheOriginal() throws Exception {
        robot.write("3*" + DemoCatalog.primaryBarcode(3)).type(KeyCode.ENTER);
        app.settle();
        robot.type(KeyCode.F12).type(KeyCode.ENTER);
        waitPaid();
        String receipt = app.shell().payment().receiptNumberProperty().get();
        robot.type(KeyCode.ENTER);
        robot.type(KeyCode.F9);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> app.shell().screenProperty().get() == TerminalShell.Screen.RETURNS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write(receipt).type(KeyCode.ENTER);
        app.settle();
        for (String qty : new String[] {"2", "2"}) {
            robot.doubleClickOn(".return-qty").write(qty);
            robot.clickOn(".return-reason").write("did not like it").type(KeyCode.F12);
            app.settle();
        }
        assertThat(app.shell().returns().messageProperty().get()).contains("at most 1 can be refunded");
        SaleView view = app.context().sales().findByReceipt(receipt).orElseThrow();
        assertThat(view.refunded()).singleElement().satisfies(r ->
                assertThat(r.quantity()).isEqualByComparingTo("2"));
        assertThat(lastEvent("REFUND_COMPLETED").payload()).contains("\"originalReceiptNumber\":\"" + receipt + "\"",
                "\"quantity\":\"2\"", "\"reason\":\"did not like it\"");
        assertThat(app.context().journal().verifyChain().ok()).isTrue();
    }
}
