package io.branchpos.desktop.dayclose;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.ManagerTestServices;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.fake.RecordingPrinter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayCloseViewModelTest {
    @TempDir
    Path dir;

    private static DenominationRow row(DayCloseViewModel vm, String value) {
        return vm.cash().stream().filter(r -> r.denomination().value().compareTo(new java.math.BigDecimal(value)) == 0)
                .findFirst().orElseThrow();
    }

    private final RecordingPrinter paper = new RecordingPrinter(PrinterProfile.generic80mm());

    @Test
    void thePrinterOutOfPaperIsExplainedAndTheZIsKept() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            paper.setStatus(new io.branchpos.hardware.printer.PrinterStatus(io.branchpos.hardware.printer.PrinterStatus.State.NOT_READY,
                    false, true, false, io.branchpos.hardware.printer.PrinterStatus.DrawerState.UNKNOWN, "paper out"));
            DayCloseViewModel vm = new DayCloseViewModel(s, ManagerTestServices.MANAGER,
                    new EscPosZPrinter(paper, new ReceiptEncoder(PrinterProfile.generic80mm())));
            vm.reveal();
            vm.signOff();
            vm.print();
            assertThat(vm.messageProperty().get()).startsWith("Printer out of paper").contains("Z 1 not printed");
            assertThat(vm.zLines()).isNotEmpty();
        }
    }

    @Test
    void theCountIsBlindUntilRevealedAndAShortDrawerNeedsAReasonBeforeSignOff() throws Exception {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            s.till().open("u-anna", CashCount.empty(ManagerTestServices.EUR).with(Denomination.note("50"), 2));
            DayCloseViewModel vm = new DayCloseViewModel(s, ManagerTestServices.MANAGER, new EscPosZPrinter(paper, new ReceiptEncoder(PrinterProfile.generic80mm())));
            row(vm, "50").piecesProperty().set(1);
            row(vm, "20").piecesProperty().set(2);
            assertThat(vm.countedCashProperty().get()).isEqualTo("90.00");
            assertThat(vm.variances()).as("blind: nothing expected is shown while counting").isEmpty();

            vm.reveal();
            assertThat(vm.stepProperty().get()).isEqualTo(DayCloseViewModel.Step.REVIEW);
            assertThat(vm.variances()).containsExactly(
                    new DayCloseViewModel.VarianceRow("CASH", "100.00", "90.00", "-10.00", true));
            assertThat(vm.reasonRequiredProperty().get()).isTrue();
            assertThat(vm.signOffBlocked().get()).isTrue();

            vm.reasonProperty().set("10 EUR paid to the window cleaner, no slip");
            assertThat(vm.signOffBlocked().get()).isFalse();
            vm.signOff();
            assertThat(vm.stepProperty().get()).isEqualTo(DayCloseViewModel.Step.DONE);
            assertThat(vm.zLines().get(0)).contains("Z REPORT").contains("#1");
            assertThat(String.join("\n", vm.zLines())).contains("-10.00").contains("window cleaner");

            vm.print();
            assertThat(vm.messageProperty().get()).isEqualTo("Z 1 printed.");
            assertThat(paper.rendered()).hasSize(1);
            assertThat(paper.rendered().get(0).textLines()).anySatisfy(l -> assertThat(l).contains("Z REPORT #1"));
            assertThat(String.join("\n", paper.rendered().get(0).textLines())).contains("-10.00");
            assertThat(paper.rendered().get(0).cuts()).isEqualTo(1);

            Path pdf = vm.exportPdf();
            assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4").contains("Z REPORT");
            io.branchpos.desktop.reports.PdfContent drawn = io.branchpos.desktop.reports.PdfContent.parse(Files.readAllBytes(pdf));
            assertThat(drawn.pages().stream().flatMap(p -> p.texts().stream()))
                    .anySatisfy(t -> assertThat(t).startsWith("Sales by hour - "))
                    .anySatisfy(t -> assertThat(t).startsWith("Tenders (net of refunds) - "))
                    .anySatisfy(t -> assertThat(t).startsWith("Sales by cashier - "));
            Path csv = vm.exportCsv();
            assertThat(Files.readString(csv)).contains("zNumber,1").contains("variance.CASH,-10.00");
        }
    }

    @Test
    void aCashierCannotCloseTheDay() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            DayCloseViewModel vm = new DayCloseViewModel(s, ManagerTestServices.CASHIER, null);
            vm.reveal();
            assertThat(vm.stepProperty().get()).isEqualTo(DayCloseViewModel.Step.COUNT);
            assertThat(vm.messageProperty().get()).isEqualTo("A cashier may not close the day (Z report) — ask a manager to sign in.");
        }
    }
}
