package io.branchpos.hardware.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.printer.EscPosPrinter;
import io.branchpos.hardware.printer.InMemoryPrintJobStore;
import io.branchpos.hardware.printer.PrintJob;
import io.branchpos.hardware.printer.PrintQueue;
import io.branchpos.hardware.printer.PrinterStatus;
import io.branchpos.hardware.receipt.SampleReceipt;
import io.branchpos.hardware.render.ReceiptImages;
import io.branchpos.hardware.testing.PtyPair;
import io.branchpos.hardware.transport.SerialSettings;
import io.branchpos.hardware.transport.SerialTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialPrinterPtyTest {

    @Test
    void receiptPrintsOverASerialLinkWithStatusAndConfirmation(@TempDir Path dir) throws Exception {
        PrinterProfile profile = PrinterProfile.generic58mm();
        try (PtyPair pty = PtyPair.open(dir);
             VirtualPrinter virtual = VirtualPrinter.start(profile)) {
            virtual.attachSerial(SerialSettings.of(pty.peerSide()));
            try (EscPosPrinter printer = new EscPosPrinter(new SerialTransport(SerialSettings.of(pty.deviceSide())),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), false)) {
                assertThat(printer.status().state()).isEqualTo(PrinterStatus.State.READY);
                PrintQueue queue = new PrintQueue(new InMemoryPrintJobStore(), printer, new ReceiptEncoder(profile),
                        Clock.systemUTC(), () -> UUID.randomUUID().toString());

                PrintJob job = queue.print(SampleReceipt.build(), "Receipt 0042-000123");

                assertThat(job.state()).isEqualTo(PrintJob.State.PRINTED);
                assertThat(virtual.completeJobs()).singleElement().satisfies(p -> {
                    assertThat(p.bytes()).isEqualTo(job.payload());
                    assertThat(ReceiptImages.decode(p.rendered().image(), BarcodeFormat.QR_CODE)).contains(SampleReceipt.QR_CONTENT);
                });
            }
        }
    }
}
