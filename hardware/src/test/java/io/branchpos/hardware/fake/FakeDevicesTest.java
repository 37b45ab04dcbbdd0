package io.branchpos.hardware.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.printer.InMemoryPrintJobStore;
import io.branchpos.hardware.printer.PrintJob;
import io.branchpos.hardware.printer.PrintQueue;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.scale.WeightReading;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FakeDevicesTest {

    @Test
    void recordingPrinterBehindThePrintQueueKeepsFailedJobsAndPrintsThemOnRetry() {
        PrinterProfile profile = PrinterProfile.generic58mm();
        RecordingPrinter printer = new RecordingPrinter(profile);
        AtomicInteger ids = new AtomicInteger();
        PrintQueue queue = new PrintQueue(new InMemoryPrintJobStore(), printer, new ReceiptEncoder(profile),
                Clock.systemUTC(), () -> "j" + ids.incrementAndGet());
        printer.failNextSends(1);

        PrintJob job = queue.print(ReceiptDocument.builder().text("Bon 7").build(), "Receipt 7");
        assertThat(job.state()).isEqualTo(PrintJob.State.FAILED);
        assertThat(printer.jobs()).isEmpty();

        assertThat(queue.retry(job.id()).state()).isEqualTo(PrintJob.State.PRINTED);
        assertThat(printer.rendered()).singleElement().satisfies(r -> assertThat(r.textLines()).contains("Bon 7"));
    }

    @Test
    void fakeScalePlaysItsScriptThenHoldsTheLastReading() {
        FakeScale scale = new FakeScale()
                .then(WeightReading.of(WeightReading.Status.MOTION, ""))
                .thenStable("0.754");

        assertThat(scale.read().status()).isEqualTo(WeightReading.Status.MOTION);
        assertThat(scale.read().kilograms()).isEqualTo(new BigDecimal("0.754"));
        assertThat(scale.read().kilograms()).isEqualTo(new BigDecimal("0.754"));
    }

    @Test
    void fakeDrawerAndRecordingDisplayRememberWhatHappened() {
        FakeCashDrawer drawer = new FakeCashDrawer();
        RecordingDisplay display = new RecordingDisplay();

        drawer.open();
        display.show("Müller Käse", "12,99");

        assertThat(drawer.kicks()).isEqualTo(1);
        assertThat(display.current()).containsExactly("Müller Käse", "12,99");
    }
}
