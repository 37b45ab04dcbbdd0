package io.branchpos.hardware.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: read codes back from rendered receipts, compare images. */
public final class ReceiptImages {

    private ReceiptImages() {
    }

    /** Decodes the first code of {@code format} in the image, as a phone or scanner would. */
    public static Optional<String> decode(BufferedImage image, BarcodeFormat format) {
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format), DecodeHintType.TRY_HARDER, Boolean.TRUE));
        try {
            return Optional.of(reader.decodeWithState(
                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Fraction of pixels that differ (1.0 when the sizes differ). */
    public static double difference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 1.0;
        }
        long diff = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
                    diff++;
                }
            }
        }
        return (double) diff / ((long) a.getWidth() * a.getHeight());
    }

    /** Counts black pixels in a rectangle. */
    public static int blackPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = x0; x < Math.min(img.getWidth(), x0 + w); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
