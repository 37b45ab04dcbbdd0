package io.branchpos.hardware.escpos;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.oned.Code39Writer;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.oned.EAN8Writer;
import com.google.zxing.oned.UPCAWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.branchpos.hardware.receipt.ReceiptDocument;
import io.branchpos.hardware.receipt.ReceiptDocument.Align;
import io.branchpos.hardware.receipt.ReceiptDocument.Style;
import io.branchpos.hardware.render.GlyphPainter;
import io.branchpos.hardware.render.ReceiptFont;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lays out a {@link ReceiptDocument} for one {@link PrinterProfile} and encodes it as ESC/POS bytes: word
 * wrapping, key/value columns, the best code page per line (raster text when none has every character),
 * dithered logo, native QR/barcodes or ZXing raster where the profile lacks them, COPY marker, cut.
 * Deterministic: the same document and profile give the same bytes (the golden tests rely on it).
 */
public final class ReceiptEncoder {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");

    private final PrinterProfile profile;

    public ReceiptEncoder(PrinterProfile profile) {
        this.profile = profile;
    }

    public PrinterProfile profile() {
        return profile;
    }

    public byte[] encode(ReceiptDocument doc) {
        Session s = new Session();
        s.w.initialize();
        s.selectCodePage(profile.codePages().keySet().iterator().next());
        if (doc.copy()) {
            copyBanner(s);
        }
        for (ReceiptDocument.Element e : doc.elements()) {
            if (e instanceof ReceiptDocument.Text t) {
                for (String line : wrap(t.text(), columns(t.style()))) {
                    printLine(s, line, t.align(), t.style());
                }
            } else if (e instanceof ReceiptDocument.Separator sep) {
                printLine(s, String.valueOf(sep.character()).repeat(profile.charsPerLine()), Align.LEFT, Style.NORMAL);
            } else if (e instanceof ReceiptDocument.KeyValue kv) {
                keyValue(s, kv);
            } else if (e instanceof ReceiptDocument.Logo logo) {
                s.align(logo.align());
                s.w.raster(Dithering.toDots(logo.image(), profile.dotsPerLine()));
            } else if (e instanceof ReceiptDocument.Qr qr) {
                // a line of paper above and below is the quiet zone scanners need
                s.w.feedLines(1);
                qr(s, qr);
                s.w.feedLines(1);
            } else if (e instanceof ReceiptDocument.Barcode bc) {
                s.w.feedLines(1);
                barcode(s, bc);
            } else if (e instanceof ReceiptDocument.LineSpacing ls) {
                if (ls.dots() <= 0) {
                    s.w.defaultLineSpacing();
                } else {
                    s.w.lineSpacing(Math.min(255, ls.dots()));
                }
            } else if (e instanceof ReceiptDocument.OpenDrawer) {
                if (profile.drawer()) {
                    s.w.drawerPulse(0, 25, 250);
                }
            } else if (e instanceof ReceiptDocument.Feed f) {
                s.w.feedLines(Math.max(0, Math.min(255, f.lines())));
            } else if (e instanceof ReceiptDocument.Cut) {
                if (doc.copy()) {
                    copyBanner(s);
                }
                s.w.feedLines(4);
                if (profile.cutter()) {
                    s.w.cut();
                }
            }
        }
        return s.w.toByteArray();
    }

    private void copyBanner(Session s) {
        printLine(s, " COPY ", Align.CENTER, Style.TITLE.withInverse());
    }

    private int columns(Style style) {
        return style.doubleWidth() ? profile.charsPerLine() / 2 : profile.charsPerLine();
    }

    private void keyValue(Session s, ReceiptDocument.KeyValue kv) {
        int cols = columns(kv.style());
        if (kv.key().length() + 1 + kv.value().length() <= cols) {
            String pad = " ".repeat(cols - kv.key().length() - kv.value().length());
            printLine(s, kv.key() + pad + kv.value(), Align.LEFT, kv.style());
        } else {
            for (String line : wrap(kv.key(), cols)) {
                printLine(s, line, Align.LEFT, kv.style());
            }
            printLine(s, kv.value(), Align.RIGHT, kv.style());
        }
    }

    private void printLine(Session s, String rawLine, Align align, Style style) {
        // product names come from the catalog: a stray ESC or GS in one must not become a printer command
        String line = CONTROL.matcher(rawLine).replaceAll(" ");
        s.align(align);
        CodePage page = s.pageFor(line);
        if (page == null) {
            // no code page of this printer has every character: print the line as an image instead
            s.w.raster(rasterText(line, align, style));
            return;
        }
        s.style(style);
        s.selectCodePage(page);
        s.w.text(line.getBytes(page.charset())).newline();
        s.style(Style.NORMAL);
    }

    private boolean[][] rasterText(String line, Align align, Style style) {
        int wMul = style.doubleWidth() ? 2 : 1;
        int hMul = style.doubleHeight() ? 2 : 1;
        int cell = profile.cellWidth();
        int h = ReceiptFont.CELL_HEIGHT * hMul;
        BufferedImage img = new BufferedImage(profile.dotsPerLine(), h + 6, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        GlyphPainter.setUp(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        int[] cps = line.codePoints().toArray();
        int width = cps.length * cell * wMul;
        int x = switch (align) {
            case LEFT -> 0;
            case CENTER -> Math.max(0, (profile.dotsPerLine() - width) / 2);
            case RIGHT -> Math.max(0, profile.dotsPerLine() - width);
        };
        for (int cp : cps) {
            GlyphPainter.drawCell(g, cp, x, 0, cell, ReceiptFont.CELL_HEIGHT, wMul, hMul, style.bold(), style.underline(),
                    style.inverse());
            x += cell * wMul;
        }
        g.dispose();
        return Dithering.threshold(img);
    }

    private void qr(Session s, ReceiptDocument.Qr qr) {
        s.align(qr.align());
        int module = Math.max(1, Math.min(16, qr.moduleDots()));
        if (profile.nativeQr()) {
            s.w.qr(qr.content(), module);
            return;
        }
        try {
            BitMatrix m = new QRCodeWriter().encode(qr.content(), BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            s.w.raster(scale(m, module, module, profile.dotsPerLine()));
        } catch (WriterException e) {
            printLine(s, qr.content(), qr.align(), Style.NORMAL);
        }
    }

    private void barcode(Session s, ReceiptDocument.Barcode bc) {
        s.align(bc.align());
        BitMatrix modules;
        try {
            modules = zxingBarcode(bc.type(), bc.content());
        } catch (IllegalArgumentException | WriterException e) {
            // a code the symbology cannot carry: print it as text rather than fail the receipt
            printLine(s, bc.content(), bc.align(), Style.NORMAL);
            return;
        }
        if (modules.getWidth() > profile.dotsPerLine() || bc.content().length() > 253) {
            // wider than the paper even at one dot per module: a code nobody can scan is worse than text
            printLine(s, bc.content(), bc.align(), Style.NORMAL);
            return;
        }
        int moduleWidth = Math.max(1, Math.min(3, profile.dotsPerLine() / modules.getWidth()));
        int height = Math.max(1, Math.min(255, bc.heightDots()));
        if (profile.nativeBarcode()) {
            String data = bc.type() == ReceiptDocument.BarcodeType.CODE128 ? "{B" + bc.content() : bc.content();
            s.w.barcode(symbology(bc.type()), data, height, moduleWidth);
            s.w.newline();
        } else {
            s.w.raster(scale(modules, moduleWidth, height, profile.dotsPerLine()));
            printLine(s, bc.content(), bc.align(), Style.NORMAL);
        }
    }

    /** One dot per module, margin 0; used for the raster fallback and to size native barcodes. */
    public static BitMatrix zxingBarcode(ReceiptDocument.BarcodeType type, String content) throws WriterException {
        Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, 0);
        return switch (type) {
            case EAN13 -> new EAN13Writer().encode(content, BarcodeFormat.EAN_13, 0, 1, hints);
            case EAN8 -> new EAN8Writer().encode(content, BarcodeFormat.EAN_8, 0, 1, hints);
            case UPC_A -> new UPCAWriter().encode(content, BarcodeFormat.UPC_A, 0, 1, hints);
            case CODE128 -> new Code128Writer().encode(content, BarcodeFormat.CODE_128, 0, 1, hints);
            case CODE39 -> new Code39Writer().encode(content, BarcodeFormat.CODE_39, 0, 1, hints);
        };
    }

    /** Scales a module matrix (rows may be 1 for 1D codes) to dots: {@code mx} dots per module, {@code rows} or {@code my}× rows. */
    static boolean[][] scale(BitMatrix m, int mx, int myOrHeight, int maxWidth) {
        boolean oneD = m.getHeight() == 1;
        int w = Math.min(maxWidth, m.getWidth() * mx);
        int h = oneD ? myOrHeight : m.getHeight() * myOrHeight;
        boolean[][] dots = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            int my = oneD ? 0 : y / myOrHeight;
            for (int x = 0; x < w; x++) {
                dots[y][x] = m.get(x / mx, my);
            }
        }
        return dots;
    }

    private static EscPosWriter.Symbology symbology(ReceiptDocument.BarcodeType type) {
        return switch (type) {
            case EAN13 -> EscPosWriter.Symbology.EAN13;
            case EAN8 -> EscPosWriter.Symbology.EAN8;
            case UPC_A -> EscPosWriter.Symbology.UPC_A;
            case CODE128 -> EscPosWriter.Symbology.CODE128;
            case CODE39 -> EscPosWriter.Symbology.CODE39;
        };
    }

    /** Word wrap to {@code width} columns; words longer than a line are broken. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                while (word.length() > width) {
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() == 0) {
                    line.append(word);
                } else if (line.length() + 1 + word.length() <= width) {
                    line.append(' ').append(word);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Printer state during one encode, so that commands are only sent when something changes. */
    private final class Session {
        final EscPosWriter w = new EscPosWriter();
        private CodePage page;
        private Align align = Align.LEFT;
        private Style style = Style.NORMAL;

        CodePage pageFor(String line) {
            if (page != null && page.canEncode(line)) {
                return page;
            }
            for (CodePage p : profile.codePages().keySet()) {
                if (p.canEncode(line)) {
                    return p;
                }
            }
            return null;
        }

        void selectCodePage(CodePage p) {
            if (p != page) {
                w.codePage(profile.codePages().get(p));
                page = p;
            }
        }

        void align(Align a) {
            if (a != align) {
                w.align(a.ordinal());
                align = a;
            }
        }

        void style(Style st) {
            if (st.bold() != style.bold()) {
                w.bold(st.bold());
            }
            if (st.underline() != style.underline()) {
                w.underline(st.underline());
            }
            if (st.inverse() != style.inverse()) {
                w.inverse(st.inverse());
            }
            if (st.doubleWidth() != style.doubleWidth() || st.doubleHeight() != style.doubleHeight()) {
                w.size(st.doubleWidth() ? 2 : 1, st.doubleHeight() ? 2 : 1);
            }
            style = st;
        }
    }
}
