package io.branchpos.hardware.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.branchpos.hardware.escpos.CodePage;
import io.branchpos.hardware.escpos.EscPosWriter.Symbology;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.receipt.ReceiptDocument.BarcodeType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an ESC/POS byte stream into the image a printer of the given profile would print. Understands what
 * {@link ReceiptEncoder} emits plus the commands other POS software commonly sends (ESC !, ESC *, GS ( L,
 * FS modes, real-time requests); anything else is skipped by its documented length, or byte by byte when the
 * length is unknown, and listed in {@link RenderedReceipt#skippedCommands()}. Never throws on bad input.
 * Not thread-safe; create one per job.
 */
public final class EscPosRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(EscPosRenderer.class);
    private static final int DEFAULT_LINE_SPACING = 30;
    private static final int MARGIN_BOTTOM = 24;
    /** About 5 m of paper: a stream that asks for more is garbage or hostile, not a receipt. */
    private static final int MAX_HEIGHT = 40_000;

    private final PrinterProfile profile;
    private final int width;

    // paper
    private BufferedImage paper;
    private int y;
    // text state
    private int align;
    private boolean bold;
    private boolean underline;
    private boolean inverse;
    private boolean fontB;
    private int wMul = 1;
    private int hMul = 1;
    private int lineSpacing = DEFAULT_LINE_SPACING;
    private int leftMargin;
    private Charset charset;
    // barcode / QR state
    private int barcodeHeight = 162;
    private int barcodeModule = 3;
    private int hriPosition;
    private int qrModule = 3;
    private byte[] qrData = new byte[0];
    private boolean[][] storedGraphic;
    // the line being assembled
    private final List<Run> line = new ArrayList<>();
    private final StringBuilder lineText = new StringBuilder();
    private int lineWidth;
    // results
    private final List<String> textLines = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private int cuts;
    private int pulses;

    public EscPosRenderer(PrinterProfile profile) {
        this.profile = profile;
        this.width = profile.dotsPerLine();
    }

    /** Renders one job. */
    public RenderedReceipt render(byte[] data) {
        paper = new BufferedImage(width, 1200, BufferedImage.TYPE_BYTE_BINARY);
        clear(paper);
        y = 0;
        reset();
        int i = 0;
        while (i < data.length) {
            try {
                i = step(data, i);
            } catch (ArrayIndexOutOfBoundsException truncated) {
                skipped.add("truncated command at byte " + i);
                break;
            } catch (PaperTooLong e) {
                skipped.add("paper longer than " + MAX_HEIGHT + " dots at byte " + i + ": rest not drawn");
                y = Math.min(y, MAX_HEIGHT - MARGIN_BOTTOM);
                line.clear();
                break;
            }
        }
        flushLine(false);
        ensure(y + MARGIN_BOTTOM);
        BufferedImage out = paper.getSubimage(0, 0, width, Math.max(1, y + MARGIN_BOTTOM));
        BufferedImage copy = new BufferedImage(width, out.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = copy.createGraphics();
        g.drawImage(out, 0, 0, null);
        g.dispose();
        if (!skipped.isEmpty()) {
            LOG.debug("renderer skipped {} command(s): {}", skipped.size(), skipped);
        }
        return new RenderedReceipt(copy, textLines, cuts, pulses, skipped);
    }

    private void reset() {
        align = 0;
        bold = false;
        underline = false;
        inverse = false;
        fontB = false;
        wMul = 1;
        hMul = 1;
        lineSpacing = DEFAULT_LINE_SPACING;
        leftMargin = 0;
        CodePage first = profile.codePageNumbered(0);
        charset = (first != null ? first : CodePage.CP437).charset();
    }

    private int step(byte[] d, int i) {
        int b = d[i] & 0xff;
        switch (b) {
            case 0x0A -> {
                flushLine(true);
                return i + 1;
            }
            case 0x0D, 0x00 -> {
                return i + 1;
            }
            case 0x09 -> {
                int col = lineWidth / cellW();
                int spaces = 8 - col % 8;
                for (int k = 0; k < spaces; k++) {
                    addGlyph(' ');
                }
                return i + 1;
            }
            case 0x0C -> {
                flushLine(true);
                return i + 1;
            }
            case 0x1B -> {
                return esc(d, i);
            }
            case 0x1D -> {
                return gs(d, i);
            }
            case 0x1C -> {
                return fs(d, i);
            }
            case 0x10 -> {
                return dle(d, i);
            }
            default -> {
                if (b < 0x20) {
                    skipped.add(String.format("control 0x%02X", b));
                    return i + 1;
                }
                String s = new String(d, i, 1, charset);
                addGlyph(s.isEmpty() ? '?' : s.charAt(0));
                return i + 1;
            }
        }
    }

    private int esc(byte[] d, int i) {
        int c = d[i + 1] & 0xff;
        switch (c) {
            case '@' -> {
                flushLine(false);
                reset();
                return i + 2;
            }
            case '!' -> {
                int n = d[i + 2] & 0xff;
                fontB = (n & 0x01) != 0;
                bold = (n & 0x08) != 0;
                hMul = (n & 0x10) != 0 ? 2 : 1;
                wMul = (n & 0x20) != 0 ? 2 : 1;
                underline = (n & 0x80) != 0;
                return i + 3;
            }
            case 'E', 'G' -> {
                bold = (d[i + 2] & 1) != 0;
                return i + 3;
            }
            case '-' -> {
                int n = d[i + 2] & 0xff;
                underline = n == 1 || n == 2 || n == '1' || n == '2';
                return i + 3;
            }
            case 'a' -> {
                int n = d[i + 2] & 0xff;
                align = n >= '0' ? n - '0' : n;
                align = Math.max(0, Math.min(2, align));
                return i + 3;
            }
            case 't' -> {
                CodePage p = profile.codePageNumbered(d[i + 2] & 0xff);
                if (p == null) {
                    skipped.add("ESC t " + (d[i + 2] & 0xff) + " (code page not in profile)");
                } else {
                    charset = p.charset();
                }
                return i + 3;
            }
            case 'M' -> {
                int n = d[i + 2] & 0xff;
                fontB = n == 1 || n == '1';
                return i + 3;
            }
            case '2' -> {
                lineSpacing = DEFAULT_LINE_SPACING;
                return i + 2;
            }
            case '3' -> {
                lineSpacing = d[i + 2] & 0xff;
                return i + 3;
            }
            case 'd' -> {
                flushLine(true);
                y += Math.max(0, (d[i + 2] & 0xff) - 1) * lineSpacing;
                return i + 3;
            }
            case 'J' -> {
                flushLine(false);
                y += d[i + 2] & 0xff;
                return i + 3;
            }
            case 'p' -> {
                pulses++;
                return i + 5;
            }
            case '*' -> {
                return bitImage(d, i);
            }
            case '$' -> {
                int pos = (d[i + 2] & 0xff) + 256 * (d[i + 3] & 0xff);
                lineWidth = Math.max(lineWidth, Math.min(width, pos));
                return i + 4;
            }
            case 'R', 'V', '{', ' ', 'U', '=', 'r' -> {
                skipped.add("ESC " + (char) c);
                return i + 3;
            }
            case 'c' -> {
                skipped.add("ESC c");
                return i + 4;
            }
            case '\\' -> {
                return i + 4;
            }
            case 'i', 'm', '<', 'S', 'L' -> {
                if (c == 'i' || c == 'm') {
                    cutHere();
                }
                return i + 2;
            }
            case 'D' -> {
                int j = i + 2;
                while (j < d.length && d[j] != 0) {
                    j++;
                }
                return j + 1;
            }
            default -> {
                skipped.add(String.format("ESC 0x%02X", c));
                return i + 2;
            }
        }
    }

    private int gs(byte[] d, int i) {
        int c = d[i + 1] & 0xff;
        switch (c) {
            case '!' -> {
                int n = d[i + 2] & 0xff;
                wMul = ((n >> 4) & 7) + 1;
                hMul = (n & 7) + 1;
                return i + 3;
            }
            case 'B' -> {
                inverse = (d[i + 2] & 1) != 0;
                return i + 3;
            }
            case 'h' -> {
                barcodeHeight = Math.max(1, d[i + 2] & 0xff);
                return i + 3;
            }
            case 'w' -> {
                barcodeModule = Math.max(1, Math.min(6, d[i + 2] & 0xff));
                return i + 3;
            }
            case 'H' -> {
                int n = d[i + 2] & 0xff;
                hriPosition = n >= '0' ? n - '0' : n;
                return i + 3;
            }
            case 'f', 'a', 'r', 'I', 'b', 'E', 'j' -> {
                return i + 3;
            }
            case 'L' -> {
                leftMargin = Math.min(width - 8, (d[i + 2] & 0xff) + 256 * (d[i + 3] & 0xff));
                return i + 4;
            }
            case 'W', 'P', '\\' -> {
                return i + 4;
            }
            case 'V' -> {
                int m = d[i + 2] & 0xff;
                flushLine(false);
                cutHere();
                return m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104 ? i + 4 : i + 3;
            }
            case 'v' -> {
                return rasterImage(d, i);
            }
            case 'k' -> {
                return barcode(d, i);
            }
            case '(' -> {
                int fn = d[i + 2] & 0xff;
                int len = (d[i + 3] & 0xff) + 256 * (d[i + 4] & 0xff);
                int start = i + 5;
                if (start + len > d.length) {
                    throw new ArrayIndexOutOfBoundsException(start + len);
                }
                if (fn == 'k') {
                    qrFunction(d, start, len);
                } else if (fn == 'L') {
                    graphicsFunction(d, start, len);
                } else {
                    skipped.add("GS ( " + (char) fn);
                }
                return start + len;
            }
            case '8' -> {
                int fn = d[i + 2] & 0xff;
                long len = (d[i + 3] & 0xffL) | (d[i + 4] & 0xffL) << 8 | (d[i + 5] & 0xffL) << 16 | (d[i + 6] & 0xffL) << 24;
                int start = i + 7;
                if (fn == 'L' && start + len <= d.length) {
                    graphicsFunction(d, start, (int) len);
                } else {
                    skipped.add("GS 8 " + (char) fn);
                }
                return (int) Math.min(d.length, start + len);
            }
            case '/' -> {
                skipped.add("GS / (NV image)");
                return i + 3;
            }
            default -> {
                skipped.add(String.format("GS 0x%02X", c));
                return i + 2;
            }
        }
    }

    private int fs(byte[] d, int i) {
        int c = d[i + 1] & 0xff;
        switch (c) {
            case '&', '.' -> {
                return i + 2;
            }
            case '!', 'C', '-', 'W' -> {
                return i + 3;
            }
            case 'p', 'S' -> {
                skipped.add("FS " + (char) c);
                return i + 4;
            }
            default -> {
                skipped.add(String.format("FS 0x%02X", c));
                return i + 2;
            }
        }
    }

    private int dle(byte[] d, int i) {
        int c = d[i + 1] & 0xff;
        // real-time commands: answered by the link, not printed
        return switch (c) {
            case 0x04, 0x05 -> i + 3;
            case 0x14 -> i + 5;
            default -> i + 1;
        };
    }

    // --- text -------------------------------------------------------------------------------------------

    private int cellW() {
        return fontB ? ReceiptFont.CELL_WIDTH_B : profile.cellWidth();
    }

    private int cellH() {
        return fontB ? ReceiptFont.CELL_HEIGHT_B : ReceiptFont.CELL_HEIGHT;
    }

    private void addGlyph(char ch) {
        int w = cellW() * wMul;
        if (leftMargin + lineWidth + w > width) {
            flushLine(true);
        }
        line.add(new Run(ch, null, lineWidth, w, cellH() * hMul, cellW(), cellH(), wMul, hMul, bold, underline, inverse));
        lineText.append(ch);
        lineWidth += w;
    }

    private void flushLine(boolean feedIfEmpty) {
        if (line.isEmpty()) {
            if (feedIfEmpty) {
                y += lineSpacing;
                textLines.add("");
            }
            lineText.setLength(0);
            lineWidth = 0;
            return;
        }
        int height = 0;
        for (Run r : line) {
            height = Math.max(height, r.height());
        }
        ensure(y + Math.max(height, lineSpacing) + 8);
        int x0 = leftMargin + offset(lineWidth);
        Graphics2D g = paper.createGraphics();
        GlyphPainter.setUp(g);
        for (Run r : line) {
            int top = y + height - r.height();
            if (r.dots() != null) {
                drawDots(r.dots(), x0 + r.x(), top, r.wMul(), 1);
            } else {
                GlyphPainter.drawCell(g, r.ch(), x0 + r.x(), top, r.cellW(), r.cellH(), r.wMul(), r.hMul(), r.bold(),
                        r.underline(), r.inverse());
            }
        }
        g.dispose();
        y += Math.max(height, lineSpacing);
        textLines.add(lineText.toString().stripTrailing());
        line.clear();
        lineText.setLength(0);
        lineWidth = 0;
    }

    private int offset(int contentWidth) {
        int free = Math.max(0, width - leftMargin - contentWidth);
        return switch (align) {
            case 1 -> free / 2;
            case 2 -> free;
            default -> 0;
        };
    }

    // --- images -----------------------------------------------------------------------------------------

    private int rasterImage(byte[] d, int i) {
        int m = d[i + 3] & 0xff;
        int bytesPerRow = (d[i + 4] & 0xff) + 256 * (d[i + 5] & 0xff);
        int rows = (d[i + 6] & 0xff) + 256 * (d[i + 7] & 0xff);
        int start = i + 8;
        if (start + bytesPerRow * rows > d.length) {
            throw new ArrayIndexOutOfBoundsException(start + bytesPerRow * rows);
        }
        boolean[][] dots = new boolean[rows][bytesPerRow * 8];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < bytesPerRow; b++) {
                int v = d[start + r * bytesPerRow + b] & 0xff;
                for (int bit = 0; bit < 8; bit++) {
                    dots[r][b * 8 + bit] = (v & (0x80 >> bit)) != 0;
                }
            }
        }
        int sx = (m == 1 || m == 3 || m == 49 || m == 51) ? 2 : 1;
        int sy = (m == 2 || m == 3 || m == 50 || m == 51) ? 2 : 1;
        block(dots, sx, sy);
        return start + bytesPerRow * rows;
    }

    private int bitImage(byte[] d, int i) {
        int m = d[i + 2] & 0xff;
        int cols = (d[i + 3] & 0xff) + 256 * (d[i + 4] & 0xff);
        boolean tall = m == 32 || m == 33;
        int bytesPerCol = tall ? 3 : 1;
        int start = i + 5;
        if (start + cols * bytesPerCol > d.length) {
            throw new ArrayIndexOutOfBoundsException(start + cols * bytesPerCol);
        }
        boolean[][] dots = new boolean[bytesPerCol * 8][cols];
        for (int col = 0; col < cols; col++) {
            for (int k = 0; k < bytesPerCol; k++) {
                int v = d[start + col * bytesPerCol + k] & 0xff;
                for (int bit = 0; bit < 8; bit++) {
                    dots[k * 8 + bit][col] = (v & (0x80 >> bit)) != 0;
                }
            }
        }
        int sx = (m == 0 || m == 32) ? 2 : 1;
        // column images sit in the text line (older software prints logos as rows of ESC * followed by LF)
        int w = cols * sx;
        if (leftMargin + lineWidth + w > width) {
            flushLine(true);
        }
        line.add(new Run(' ', dots, lineWidth, w, dots.length, 0, 0, sx, 1, false, false, false));
        lineWidth += w;
        return start + cols * bytesPerCol;
    }

    private void block(boolean[][] dots, int sx, int sy) {
        flushLine(false);
        if (dots.length == 0) {
            return;
        }
        int w = dots[0].length * sx;
        int x = leftMargin + offset(w);
        ensure(y + dots.length * sy + 8);
        drawDots(dots, x, y, sx, sy);
        y += dots.length * sy;
    }

    private void drawDots(boolean[][] dots, int x0, int y0, int sx, int sy) {
        ensure(y0 + dots.length * sy + 8);
        for (int r = 0; r < dots.length; r++) {
            for (int c = 0; c < dots[r].length; c++) {
                if (dots[r][c]) {
                    for (int dy = 0; dy < sy; dy++) {
                        for (int dx = 0; dx < sx; dx++) {
                            int px = x0 + c * sx + dx;
                            if (px >= 0 && px < width) {
                                paper.setRGB(px, y0 + r * sy + dy, 0xFF000000);
                            }
                        }
                    }
                }
            }
        }
    }

    // --- barcodes and QR --------------------------------------------------------------------------------

    private int barcode(byte[] d, int i) {
        int m = d[i + 2] & 0xff;
        int start;
        int len;
        if (m <= 6) {
            // function A: NUL-terminated
            start = i + 3;
            int j = start;
            while (d[j] != 0) {
                j++;
            }
            len = j - start;
            m += 65;
            drawBarcode(m, new String(d, start, len, StandardCharsets.US_ASCII));
            return j + 1;
        }
        len = d[i + 3] & 0xff;
        start = i + 4;
        if (start + len > d.length) {
            throw new ArrayIndexOutOfBoundsException(start + len);
        }
        drawBarcode(m, new String(d, start, len, StandardCharsets.US_ASCII));
        return start + len;
    }

    private void drawBarcode(int m, String data) {
        Symbology sym = Symbology.ofNumber(m);
        BarcodeType type = sym == null ? null : switch (sym) {
            case EAN13 -> BarcodeType.EAN13;
            case EAN8 -> BarcodeType.EAN8;
            case UPC_A -> BarcodeType.UPC_A;
            case CODE39 -> BarcodeType.CODE39;
            case CODE128 -> BarcodeType.CODE128;
            default -> null;
        };
        String content = data;
        if (type == BarcodeType.CODE128 && content.length() >= 2 && content.charAt(0) == '{') {
            content = content.substring(2).replace("{{", "{");
        }
        if (type == null) {
            skipped.add("GS k " + m + " (symbology not drawn)");
            return;
        }
        BitMatrix modules;
        try {
            modules = ReceiptEncoder.zxingBarcode(type, content);
        } catch (WriterException | IllegalArgumentException e) {
            skipped.add("GS k " + m + " with invalid data '" + content + "'");
            return;
        }
        boolean[][] dots = new boolean[barcodeHeight][modules.getWidth()];
        for (int r = 0; r < barcodeHeight; r++) {
            for (int c = 0; c < modules.getWidth(); c++) {
                dots[r][c] = modules.get(c, 0);
            }
        }
        if (hriPosition == 1 || hriPosition == 3) {
            hri(content);
        }
        block(dots, barcodeModule, 1);
        if (hriPosition == 2 || hriPosition == 3) {
            hri(content);
        }
    }

    private void hri(String content) {
        boolean[] saved = {bold, underline, inverse, fontB};
        int savedW = wMul;
        int savedH = hMul;
        bold = false;
        underline = false;
        inverse = false;
        wMul = 1;
        hMul = 1;
        for (char ch : content.toCharArray()) {
            addGlyph(ch);
        }
        flushLine(false);
        bold = saved[0];
        underline = saved[1];
        inverse = saved[2];
        fontB = saved[3];
        wMul = savedW;
        hMul = savedH;
    }

    private void qrFunction(byte[] d, int start, int len) {
        if (len < 2 || (d[start] & 0xff) != 49) {
            skipped.add("GS ( k symbol other than QR");
            return;
        }
        int fn = d[start + 1] & 0xff;
        switch (fn) {
            case 65, 69 -> { /* model / error correction: ZXing picks its own; the content is what matters */ }
            case 67 -> qrModule = Math.max(1, Math.min(16, d[start + 2] & 0xff));
            case 80 -> {
                qrData = new byte[len - 3];
                System.arraycopy(d, start + 3, qrData, 0, len - 3);
            }
            case 81 -> drawQr();
            default -> skipped.add("GS ( k fn " + fn);
        }
    }

    private void drawQr() {
        try {
            String content = new String(qrData, StandardCharsets.UTF_8);
            BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            boolean[][] dots = new boolean[m.getHeight()][m.getWidth()];
            for (int r = 0; r < m.getHeight(); r++) {
                for (int c = 0; c < m.getWidth(); c++) {
                    dots[r][c] = m.get(c, r);
                }
            }
            block(dots, qrModule, qrModule);
        } catch (WriterException | IllegalArgumentException e) {
            skipped.add("GS ( k print: data does not fit a QR code");
        }
    }

    private void graphicsFunction(byte[] d, int start, int len) {
        int fn = d[start + 1] & 0xff;
        if ((fn == 112 || fn == 67) && len >= 10) {
            // store raster graphics: m fn a bx by c xL xH yL yH data (fn 112: print buffer)
            int o = fn == 112 ? start + 2 : start + 4;
            int xs = (d[o + 4] & 0xff) + 256 * (d[o + 5] & 0xff);
            int ys = (d[o + 6] & 0xff) + 256 * (d[o + 7] & 0xff);
            int bytesPerRow = (xs + 7) / 8;
            int data = o + 8;
            if (data + (long) bytesPerRow * ys > start + len) {
                skipped.add("GS ( L graphics larger than their data");
                return;
            }
            boolean[][] dots = new boolean[ys][xs];
            for (int r = 0; r < ys && data + r * bytesPerRow < start + len; r++) {
                for (int c = 0; c < xs; c++) {
                    int v = d[data + r * bytesPerRow + c / 8] & 0xff;
                    dots[r][c] = (v & (0x80 >> (c % 8))) != 0;
                }
            }
            storedGraphic = dots;
        } else if (fn == 50 || fn == 2) {
            if (storedGraphic != null) {
                block(storedGraphic, 1, 1);
                storedGraphic = null;
            }
        } else {
            skipped.add("GS ( L fn " + fn);
        }
    }

    // --- paper ------------------------------------------------------------------------------------------

    private void cutHere() {
        cuts++;
        ensure(y + 16);
        Graphics2D g = paper.createGraphics();
        g.setColor(Color.BLACK);
        for (int x = 0; x < width; x += 12) {
            g.fillRect(x, y + 6, 6, 1);
        }
        g.dispose();
        y += 14;
    }

    private void ensure(int height) {
        if (height <= paper.getHeight()) {
            return;
        }
        if (height > MAX_HEIGHT) {
            throw new PaperTooLong();
        }
        BufferedImage bigger = new BufferedImage(width, Math.max(height, paper.getHeight() * 2), BufferedImage.TYPE_BYTE_BINARY);
        clear(bigger);
        Graphics2D g = bigger.createGraphics();
        g.drawImage(paper, 0, 0, null);
        g.dispose();
        paper = bigger;
    }

    private static void clear(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
    }

    /** Thrown internally when the stream asks for more paper than {@link #MAX_HEIGHT}. */
    private static final class PaperTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PaperTooLong() {
            super(null, null, false, false);
        }
    }

    /** A glyph or an inline column image within the current text line. */
    private record Run(char ch, boolean[][] dots, int x, int width, int height, int cellW, int cellH, int wMul, int hMul,
                       boolean bold, boolean underline, boolean inverse) {
    }
}
