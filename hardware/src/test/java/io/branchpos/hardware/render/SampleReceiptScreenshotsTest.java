package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.SampleReceipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the sample receipts as PNG to {@code -Dhardware.screenshots=DIR} (e.g. {@code docs/screenshots});
 * without the property it only checks that they render.
 */
class SampleReceiptScreenshotsTest {

    @Test
    void sampleReceiptsRenderAt58And80mm() throws IOException {
        String dir = System.getProperty("hardware.screenshots");
        for (String id : new String[] {"generic-58mm", "generic-80mm"}) {
            PrinterProfile profile = PrinterProfile.load(id);
            RenderedReceipt r = new EscPosRenderer(profile).render(new ReceiptEncoder(profile).encode(SampleReceipt.build()));
            assertThat(r.image().getHeight()).isGreaterThan(600);
            if (dir != null && !dir.isBlank()) {
                Path out = Path.of(dir);
                Files.createDirectories(out);
                Files.write(out.resolve("receipt-" + id.substring("generic-".length()) + ".png"), r.toPng());
            }
        }
    }
}
