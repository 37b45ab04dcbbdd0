package io.branchpos.hardware.escpos;

import static io.branchpos.hardware.escpos.EscPos.ESC;
import static io.branchpos.hardware.escpos.EscPos.GS;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends ESC/POS commands to a byte buffer; one method per command, no layout decisions. */
public final class EscPosWriter {

    /** GS k symbology numbers (function B). */
    public enum Symbology {
        UPC_A(65), UPC_E(66), EAN13(67), EAN8(68), CODE39(69), ITF(70), CODABAR(71), CODE93(72), CODE128(73);

        final int m;

        Symbology(int m) {
            this.m = m;
        }

        public static Symbology ofNumber(int m) {
            for (Symbology s : values()) {
                if (s.m == m) {
                    return s;
                }
            }
            return null;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public EscPosWriter raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public EscPosWriter initialize() {
        return raw(ESC, (byte) '@');
    }

    public EscPosWriter bold(boolean on) {
        return raw(ESC, (byte) 'E', (byte) (on ? 1 : 0));
    }

    public EscPosWriter underline(boolean on) {
        return raw(ESC, (byte) '-', (byte) (on ? 1 : 0));
    }

    /** GS ! with width/height multipliers 1–8. */
    public EscPosWriter size(int width, int height) {
        return raw(GS, (byte) '!', (byte) (((width - 1) << 4) | (height - 1)));
    }

    public EscPosWriter inverse(boolean on) {
        return raw(GS, (byte) 'B', (byte) (on ? 1 : 0));
    }

    /** 0 left, 1 centre, 2 right. */
    public EscPosWriter align(int n) {
        return raw(ESC, (byte) 'a', (byte) n);
    }

    public EscPosWriter lineSpacing(int dots) {
        return raw(ESC, (byte) '3', (byte) dots);
    }

    public EscPosWriter defaultLineSpacing() {
        return raw(ESC, (byte) '2');
    }

    public EscPosWriter codePage(int n) {
        return raw(ESC, (byte) 't', (byte) n);
    }

    public EscPosWriter text(byte[] encoded) {
        return raw(encoded);
    }

    public EscPosWriter newline() {
        return raw(EscPos.LF);
    }

    public EscPosWriter feedLines(int n) {
        return raw(ESC, (byte) 'd', (byte) n);
    }

    /** GS v 0: a raster bit image; rows are split into bands so that printers with small buffers cope. */
    public EscPosWriter raster(boolean[][] dots) {
        int height = dots.length;
        if (height == 0) {
            return this;
        }
        int width = dots[0].length;
        int bytesPerRow = (width + 7) / 8;
        for (int top = 0; top < height; top += 256) {
            int rows = Math.min(256, height - top);
            raw(GS, (byte) 'v', (byte) '0', (byte) 0, (byte) bytesPerRow, (byte) (bytesPerRow >> 8), (byte) rows,
                    (byte) (rows >> 8));
            for (int y = top; y < top + rows; y++) {
                for (int b = 0; b < bytesPerRow; b++) {
                    int v = 0;
                    for (int bit = 0; bit < 8; bit++) {
                        int x = b * 8 + bit;
                        if (x < width && dots[y][x]) {
                            v |= 0x80 >> bit;
                        }
                    }
                    out.write(v);
                }
            }
        }
        return this;
    }

    /** GS h, GS w, GS H 2 (text below), GS f 0, then GS k function B. */
    public EscPosWriter barcode(Symbology symbology, String data, int heightDots, int moduleWidth) {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        raw(GS, (byte) 'h', (byte) heightDots);
        raw(GS, (byte) 'w', (byte) moduleWidth);
        raw(GS, (byte) 'H', (byte) 2);
        raw(GS, (byte) 'f', (byte) 0);
        raw(GS, (byte) 'k', (byte) symbology.m, (byte) bytes.length);
        return raw(bytes);
    }

    /** GS ( k: model 2, module size, error correction M, store, print. */
    public EscPosWriter qr(String content, int moduleDots) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        raw(GS, (byte) '(', (byte) 'k', (byte) 4, (byte) 0, (byte) 49, (byte) 65, (byte) 50, (byte) 0);
        raw(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 67, (byte) moduleDots);
        raw(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 69, (byte) 49);
        int len = data.length + 3;
        raw(GS, (byte) '(', (byte) 'k', (byte) len, (byte) (len >> 8), (byte) 49, (byte) 80, (byte) 48);
        raw(data);
        return raw(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 81, (byte) 48);
    }

    /** GS V 1: partial cut (the printer feeds nothing by itself; feed before). */
    public EscPosWriter cut() {
        return raw(GS, (byte) 'V', (byte) 1);
    }

    /** ESC p: pulse drawer kick pin 0 (connector pin 2) or 1 (pin 5) for on/off times in 2 ms units. */
    public EscPosWriter drawerPulse(int pin, int onUnits, int offUnits) {
        return raw(ESC, (byte) 'p', (byte) pin, (byte) onUnits, (byte) offUnits);
    }
}
