package io.branchpos.hardware.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.testing.PtyPair;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneWayTransportTest {

    @Test
    void deviceFileTransportPrintsThroughATty(@TempDir Path dir) throws Exception {
        PrinterProfile profile = PrinterProfile.generic58mm();
        try (PtyPair pty = PtyPair.open(dir); VirtualPrinter printer = VirtualPrinter.start(profile)) {
            printer.attachSerial(SerialSettings.of(pty.peerSide()));
            DeviceFileTransport lp = new DeviceFileTransport(Path.of(pty.deviceSide()));
            assertThat(lp.isAvailable()).isTrue();

            lp.write(new ReceiptEncoder(profile).encode(ReceiptDocument.builder().text("via /dev/usb/lp0").cut().build()));

            // over a serial-like link the job ends after a pause: wait (bounded) for it
            for (int i = 0; i < 300 && printer.completeJobs().isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertThat(printer.completeText()).contains("via /dev/usb/lp0");
        }
    }

    @Test
    void unknownSpoolerQueueIsUnavailableAndSaysSoOnWrite() {
        SpoolerTransport spooler = new SpoolerTransport("branchpos-test-no-such-queue");

        assertThat(spooler.isAvailable()).isFalse();
        assertThat(spooler.isTwoWay()).isFalse();
        assertThatThrownBy(() -> spooler.write(new byte[] {0x1B, '@'})).isInstanceOf(IOException.class)
                .hasMessageContaining("no print queue");
        assertThatThrownBy(() -> spooler.request(new byte[] {0x10, 0x04, 1}, 1, Duration.ofSeconds(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
