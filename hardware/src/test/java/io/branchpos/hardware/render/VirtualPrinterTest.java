package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualPrinterTest {

    @Test
    void jobFromSoftwareWithoutConfirmationEndsAtCloseAndIsWrittenAsPng(@TempDir Path dir) throws Exception {
        PrinterProfile profile = PrinterProfile.generic58mm();
        ReceiptDocument doc = ReceiptDocument.builder().text("Hallo Welt").openDrawer().cut().build();
        List<VirtualPrinter.PrintedJob> seen = new CopyOnWriteArrayList<>();
        try (VirtualPrinter v = VirtualPrinter.start(profile, 0, dir)) {
            v.onPrinted(seen::add);
            TcpTransport raw = new TcpTransport(v.host(), v.port(), Duration.ofSeconds(2));
            raw.write(new ReceiptEncoder(profile).encode(doc));
            raw.close();

            // the job is complete when the printer has seen the connection close: wait for it (bounded)
            for (int i = 0; i < 200 && seen.isEmpty(); i++) {
                Thread.sleep(10);
            }

            assertThat(v.completeText()).contains("Hallo Welt");
            assertThat(v.isDrawerOpen()).isTrue();
            assertThat(seen).hasSize(1);
            assertThat(dir.resolve("job-0001.png")).exists();
            assertThat(Files.size(dir.resolve("job-0001.png"))).isPositive();
        }
    }
}
