package io.branchpos.hardware.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;

/** Draws one character cell the way a thermal printer prints it: 1-bit, styled, scaled by the size multipliers. */
public final class GlyphPainter {

    private GlyphPainter() {
    }

    /** Prepares a graphics context for 1-bit receipt drawing (no anti-aliasing, so output is deterministic). */
    public static void setUp(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }

    public static void drawCell(Graphics2D g, int codePoint, int x, int y, int cellW, int cellH, int wMul, int hMul,
                                boolean bold, boolean underline, boolean inverse) {
        int w = cellW * wMul;
        int h = cellH * hMul;
        if (inverse) {
            g.setColor(Color.BLACK);
            g.fillRect(x, y, w, h);
        }
        g.setColor(inverse ? Color.WHITE : Color.BLACK);
        if (codePoint != ' ') {
            Font f = ReceiptFont.forCell(cellW, cellH, bold);
            if (wMul != 1 || hMul != 1) {
                f = f.deriveFont(AffineTransform.getScaleInstance(wMul, hMul));
            }
            g.setFont(f);
            g.drawString(new String(Character.toChars(codePoint)), x, y + ReceiptFont.baseline(cellH) * hMul);
        }
        if (underline) {
            int thickness = Math.max(1, hMul);
            g.fillRect(x, y + h - 2 * thickness, w, thickness);
        }
    }
}
