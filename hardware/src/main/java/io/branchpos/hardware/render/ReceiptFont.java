package io.branchpos.hardware.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The monospace font receipts are drawn with (bundled DejaVu Sans Mono, so previews and golden images do not
 * depend on the fonts installed on a machine). Sized so one glyph fills a 12×24 font-A cell.
 */
public final class ReceiptFont {

    /** Font A cell, as on Epson-class printers. */
    public static final int CELL_WIDTH = 12;
    public static final int CELL_HEIGHT = 24;
    /** Font B cell. */
    public static final int CELL_WIDTH_B = 9;
    public static final int CELL_HEIGHT_B = 17;

    private static final Font BASE = load();

    private ReceiptFont() {
    }

    /** The font for a cell of the given size (glyph scaled to the cell width). */
    public static Font forCell(int cellWidth, int cellHeight, boolean bold) {
        // DejaVu Sans Mono advances 0.602 em: pick the em size that fills the cell width
        float size = cellWidth / 0.602f;
        Font f = BASE.deriveFont(bold ? Font.BOLD : Font.PLAIN, size);
        return f;
    }

    /** Baseline offset from the top of a cell. */
    public static int baseline(int cellHeight) {
        return Math.round(cellHeight * 0.78f);
    }

    private static Font load() {
        try (InputStream in = ReceiptFont.class.getResourceAsStream("DejaVuSansMono.ttf")) {
            if (in == null) {
                throw new IllegalStateException("bundled font DejaVuSansMono.ttf missing from the hardware jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
