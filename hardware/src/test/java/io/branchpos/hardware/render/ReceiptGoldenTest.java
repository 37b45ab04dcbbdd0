package io.branchpos.hardware.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.SampleReceipt;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden snapshots of the sample receipt: ESC/POS bytes compared exactly, rendered image by pixel difference.
 * Regenerate after an intended change with
 * {@code ./mvnw -B -q -pl hardware -am test -Dtest=ReceiptGoldenTest -Dgoldens.update=true}
 * and review the diff of {@code hardware/src/test/resources/goldens/} before committing.
 */
class ReceiptGoldenTest {

    private static final Path GOLDENS = Path.of("src/test/resources/goldens");
    /** Font rasterisers differ slightly between JDK builds; a real layout change moves far more pixels. */
    private static final double MAX_PIXEL_DIFFERENCE = 0.002;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"58mm", "80mm"})
    void sampleReceiptMatchesGoldenBytesAndImage(String paper) throws IOException {
        PrinterProfile profile = PrinterProfile.load("generic-" + paper);
        byte[] bytes = new ReceiptEncoder(profile).encode(SampleReceipt.build());
        RenderedReceipt rendered = new EscPosRenderer(profile).render(bytes);
        Path goldenBytes = GOLDENS.resolve("receipt-" + paper + ".escpos");
        Path goldenImage = GOLDENS.resolve("receipt-" + paper + ".png");

        if (Boolean.getBoolean("goldens.update")) {
            Files.createDirectories(GOLDENS);
            Files.write(goldenBytes, bytes);
            Files.write(goldenImage, rendered.toPng());
        }

        assertThat(goldenBytes).as("golden missing: run with -Dgoldens.update=true").exists();
        assertThat(bytes).as("ESC/POS bytes differ from %s", goldenBytes).isEqualTo(Files.readAllBytes(goldenBytes));
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(goldenImage)));
        double difference = ReceiptImages.difference(expected, rendered.image());
        if (difference > MAX_PIXEL_DIFFERENCE) {
            Path actual = Path.of("target", "golden-actual-receipt-" + paper + ".png");
            Files.createDirectories(actual.getParent());
            Files.write(actual, rendered.toPng());
        }
        assertThat(difference).as("pixel difference to %s (actual image in target/)", goldenImage)
                .isLessThanOrEqualTo(MAX_PIXEL_DIFFERENCE);
    }
}
