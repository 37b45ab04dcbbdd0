package io.branchpos.hardware.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What a printer would have put on paper for one byte stream.
 *
 * @param image           the paper, one pixel per printer dot, black on white
 * @param textLines       the text lines as decoded (for assertions and search), one per printed text line
 * @param cuts            how many cuts were commanded
 * @param drawerPulses    how many ESC p drawer pulses were commanded
 * @param skippedCommands commands the renderer did not draw (named, for diagnostics)
 */
public record RenderedReceipt(BufferedImage image, List<String> textLines, int cuts, int drawerPulses,
                              List<String> skippedCommands) {

    public RenderedReceipt {
        textLines = List.copyOf(textLines);
        skippedCommands = List.copyOf(skippedCommands);
    }

    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
