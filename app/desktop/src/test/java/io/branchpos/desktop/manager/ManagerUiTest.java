package io.branchpos.desktop.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.common.Stylesheets;
import io.branchpos.desktop.dayclose.EscPosZPrinter;
import io.branchpos.desktop.stock.CountViewModel;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.fake.RecordingPrinter;
import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.store.demo.DemoCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The manager area, headless under Monocle, on a real store with store work on its own thread:
 * the whole close-the-day flow, a blind stock count with scans, a receiving. Writes the
 * screenshots to {@code target/screenshots/manager-*.png}.
 */
class ManagerUiTest {
    @TempDir
    Path dir;

    private ExecutorService storeThread;
    private ManagerServices services;
    private Stage stage;
    private final FxRobot robot = new FxRobot();
    private final RecordingPrinter paper = new RecordingPrinter(PrinterProfile.generic80mm());

    @BeforeEach
    void showManagerWindow() throws Exception {
        storeThread = Executors.newSingleThreadExecutor();
        services = ManagerTestServices.open(dir, 60, storeThread, Platform::runLater);
        stage = FxToolkit.registerPrimaryStage();
    }

    private void show() throws Exception {
        FxToolkit.setupFixture(() -> {
            Scene scene = new Scene(ManagerWindow.create(services, ManagerTestServices.MANAGER, Locale.ENGLISH,
                    services.store().businessDay(),
                    new EscPosZPrinter(paper, new ReceiptEncoder(PrinterProfile.generic80mm()))), 1200, 800);
            scene.getStylesheets().add(Stylesheets.theme());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        storeThread.shutdown();
        storeThread.awaitTermination(10, TimeUnit.SECONDS);
        services.store().close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks the tab header with this title (not a column header or label with the same text). */
    private void tab(String title) {
        robot.clickOn(robot.lookup(".tab-label").match(
                (Node n) -> n instanceof javafx.scene.control.Label l && title.equals(l.getText())).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void type(String query, String text) {
        robot.clickOn(query);
        robot.write(text);
    }

    @Test
    void closeTheDayBlindCountRevealVarianceReasonSignOffZPrintAndPdf() throws Exception {
        services.till().open("u-anna", CashCount.empty(ManagerTestServices.EUR).with(Denomination.note("20"), 5));
        List<Product> ps = ManagerTestServices.products(services, 3);
        ManagerTestServices.sell(services, "u-anna", ps);
        ManagerTestServices.sell(services, "u-ben", ps.subList(0, 1));
        Money expected = services.dayClose().expected().get(io.branchpos.domain.sale.Tender.CASH);
        show();
        tab("Close the day");

        // count 10.00 short, in 20 notes, 1-euro coins and cents
        Money counted = expected.minus(Money.of("10.00", ManagerTestServices.EUR));
        long cents = counted.amount().movePointRight(2).longValueExact();
        type("#cash-20", String.valueOf(cents / 2000));
        long rest = cents % 2000;
        type("#cash-1", String.valueOf(rest / 100));
        type("#cash-0_01", String.valueOf(rest % 100));
        waitUntil(() -> robot.lookup(counted.toPlainString()).tryQuery().isPresent());
        assertThat(robot.lookup(expected.toPlainString()).tryQuery()).as("blind: expected not shown").isEmpty();
        snapshot("manager-close-count.png");

        robot.clickOn("Finish count");
        waitUntil(() -> !robot.lookup("#varianceTable").queryTableView().getItems().isEmpty());
        assertThat(robot.lookup("#signOffButton").query().isDisabled()).isTrue();
        assertThat(robot.lookup("#reasonField").query().isVisible()).isTrue();
        assertThat(robot.lookup("-10.00").tryQuery()).isPresent();
        type("#reasonField", "10 EUR note given as change twice");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("manager-close-review.png");

        robot.clickOn("#signOffButton");
        ListView<String> z = robot.lookup("#zList").queryListView();
        waitUntil(() -> !z.getItems().isEmpty());
        assertThat(z.getItems().get(0)).contains("Z REPORT  #1");
        assertThat(String.join("\n", z.getItems())).contains("u-anna").contains("u-ben").contains("-10.00");
        snapshot("manager-z-report.png");

        robot.clickOn("#printButton");
        waitUntil(() -> robot.lookup("Z 1 printed.").tryQuery().isPresent());
        assertThat(paper.rendered()).hasSize(1);
        Files.write(Path.of("target", "screenshots", "manager-z-receipt.png"), paper.rendered().get(0).toPng());
        robot.clickOn("#pdfButton");
        robot.clickOn("#csvButton");
        assertThat(Files.readString(dir.resolve("exports/Z-T-VM-00001.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF");
        assertThat(dir.resolve("exports/Z-T-VM-00001.csv")).exists();
        assertThat(services.store().businessDay()).isAfter(LocalDate.now().minusDays(1));
        assertThat(services.dayClose().zReports()).hasSize(1);
    }

    @Test
    void openTheTillRecordADropAndSeeTheXReport() throws Exception {
        ManagerWiring.seedDemo(services);
        show();
        waitUntil(() -> robot.lookup("#float-20").tryQuery().isPresent());
        type("#float-20", "5");
        type("#float-2", "2");
        robot.clickOn("Open till");
        waitUntil(() -> !robot.lookup("#recordButton").query().isDisabled());
        robot.interact(() -> ((javafx.scene.control.ChoiceBox<?>) robot.lookup("#kindChoice").query())
                .getSelectionModel().select(2));
        type("#amountField", "50");
        type("#reasonField", "safe");
        robot.clickOn("#recordButton");
        waitUntil(() -> robot.lookup("Safe drop of 50.00 recorded.").tryQuery().isPresent());
        ListView<String> x = robot.lookup("#xList").queryListView();
        waitUntil(() -> x.getItems().stream().anyMatch(l -> l.contains("Drops") && l.contains("50.00")));
        assertThat(robot.lookup("#statusLabel").queryLabeled().getText()).endsWith("float 104.00");
        snapshot("manager-till.png");
        tab("Stock");
        tab("On hand");
        robot.clickOn("#lowOnlyBox");
        TableView<io.branchpos.store.stock.StockRepository.OnHandRow> onHand = robot.lookup("#onHandTable").queryTableView();
        waitUntil(() -> !onHand.getItems().isEmpty() && onHand.getItems().stream().allMatch(r -> r.isLow()));
        snapshot("manager-stock-low.png");
    }

    @Test
    void blindStockCountWithScansByTwoCounters() throws Exception {
        services.stock().receive(null, List.of(new io.branchpos.domain.stock.ReceiptLine("000001", null,
                new BigDecimal("10"), null)), "u-mgr");
        show();
        tab("Stock");
        tab("Count");
        robot.clickOn("Start count");
        waitUntil(() -> !robot.lookup(".count-scan").query().isDisabled());
        for (int i = 0; i < 3; i++) {
            type(".count-scan", DemoCatalog.primaryBarcode(0));
            robot.type(KeyCode.ENTER);
        }
        robot.doubleClickOn("#counterField").write("u-ben");
        type(".count-scan", DemoCatalog.primaryBarcode(1));
        robot.type(KeyCode.ENTER);
        type(".count-scan", DemoCatalog.primaryBarcode(0));
        robot.type(KeyCode.ENTER);
        TableView<CountViewModel.CountedRow> counted = robot.lookup("#countedTable").queryTableView();
        waitUntil(() -> counted.getItems().size() == 2 && counted.getItems().get(0).counted().equals("4"));
        assertThat(robot.lookup("#resultTable").queryTableView().getItems()).as("blind until posted").isEmpty();
        snapshot("manager-stock-count.png");

        robot.clickOn("Post count");
        TableView<CountViewModel.ResultRow> results = robot.lookup("#resultTable").queryTableView();
        waitUntil(() -> results.getItems().size() == 2);
        assertThat(results.getItems().get(0)).isEqualTo(new CountViewModel.ResultRow("000001", "4", "10", "-6"));
        assertThat(services.stock().onHand("000001")).isEqualByComparingTo("4");
        assertThat(services.stock().onHand("000002")).isEqualByComparingTo("1");
    }

    @Test
    void receivingAPurchaseOrderPlusAnUnexpectedItem() throws Exception {
        services.stock().announce("PO-42", "PO", "Dairy Ltd", Map.of("000003", new BigDecimal("12"),
                "000004", new BigDecimal("6")));
        show();
        tab("Stock");
        tab("Receive");
        robot.clickOn("#deliveryChoice");
        robot.clickOn("PO-42 — PO from Dairy Ltd");
        TableView<?> lines = robot.lookup("#receiveTable").queryTableView();
        waitUntil(() -> lines.getItems().size() == 2);
        type(".receive-scan", DemoCatalog.primaryBarcode(7));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> lines.getItems().size() == 3);
        snapshot("manager-stock-receive.png");
        robot.clickOn("#receiveButton");
        waitUntil(() -> robot.lookup("Received 3 lines of PO-42.").tryQuery().isPresent());
        assertThat(services.stock().onHand("000003")).isEqualByComparingTo("12");
        assertThat(services.stock().onHand("000008")).isEqualByComparingTo("1");
        assertThat(services.stock().openDeliveries()).isEmpty();
    }

    @Test
    void reportsShowChartsOfTheSales() throws Exception {
        ManagerWiring.seedDemo(services);
        List<Product> ps = ManagerTestServices.products(services, 12);
        for (int i = 0; i < 12; i++) {
            java.time.Instant at = services.store().businessDay().atTime(8 + i, 15).toInstant(java.time.ZoneOffset.UTC);
            ManagerTestServices.sell(services, i % 3 == 0 ? "u-ben" : "u-anna", ps.subList(0, 1 + (i * 5) % ps.size()), at);
        }
        var first = new io.branchpos.store.sale.SalesRepository(services.store()).findByReceipt(
                services.store().config().terminalId() + "-000001").orElseThrow();
        new io.branchpos.store.sale.SalesRepository(services.store()).refund(new io.branchpos.store.sale.RefundRequest(
                first.receiptNumber(), Map.of(1, BigDecimal.ONE), io.branchpos.domain.sale.Tender.CASH, null, "u-anna",
                null, "damaged packaging"));
        show();
        tab("Reports");
        waitUntil(() -> robot.lookup("Business days").tryQuery().isPresent()
                || robot.lookup((Node n) -> n instanceof javafx.scene.control.Label l && l.getText() != null
                        && l.getText().startsWith("Business days")).tryQuery().isPresent());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        snapshot("manager-reports.png");
        tab("Products & stock");
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("manager-reports-products.png");
        tab("Audit");
        waitUntil(() -> !robot.lookup("#auditTable").queryTableView().getItems().isEmpty());
        snapshot("manager-reports-audit.png");
    }

    private void snapshot(String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Path out = Path.of("target", "screenshots", name);
        Files.createDirectories(out.getParent());
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null));
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(10, TimeUnit.SECONDS), null), "png", out.toFile());
        } catch (Exception e) {
            throw new IOException("snapshot " + name, e);
        }
    }
}
