package io.branchpos.desktop.reports;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes lines of fixed-width text as a minimal PDF 1.4 (A4, Courier, one of the 14 standard fonts,
 * so nothing is embedded), optionally followed by bar charts drawn as vector graphics. Enough for Z
 * reports and lists; see decisions 0352 and 0354 for why we write it ourselves instead of adding a
 * PDF library.
 */
public final class TextPdf {
    private static final int LINES_PER_PAGE = 64;
    private static final float FONT_SIZE = 9.5f;
    private static final float LEADING = 12f;

    private TextPdf() {
    }

    /** One bar of a chart: its label and value (negative values are drawn in red, width by amount). */
    public record Bar(String label, BigDecimal value) {
    }

    /** A horizontal bar chart drawn as vector graphics (rectangles and lines), with its title. */
    public record Chart(String title, List<Bar> bars) {
        public Chart {
            bars = List.copyOf(bars);
        }
    }

    public static byte[] of(String title, List<String> lines) {
        return of(title, lines, List.of());
    }

    /**
     * The text pages, then the charts, two per page, as vector drawings: each bar one filled
     * rectangle ({@code re f}) whose width is proportional to its value, with the label and the value
     * as text beside it.
     */
    public static byte[] of(String title, List<String> lines, List<Chart> charts) {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < Math.max(1, lines.size()); i += LINES_PER_PAGE) {
            StringBuilder content = new StringBuilder("BT /F1 " + FONT_SIZE + " Tf " + LEADING + " TL 50 800 Td\n");
            for (String line : lines.subList(Math.min(i, lines.size()), Math.min(lines.size(), i + LINES_PER_PAGE))) {
                content.append('(').append(escape(line)).append(") Tj T*\n");
            }
            contents.add(content.append("ET").toString());
        }
        for (int c = 0; c < charts.size(); c += 2) {
            StringBuilder content = new StringBuilder();
            chart(content, charts.get(c), 800);
            if (c + 1 < charts.size()) {
                chart(content, charts.get(c + 1), 410);
            }
            contents.add(content.toString().strip());
        }
        return document(title, contents);
    }

    private static final float CHART_HEIGHT = 340f;
    private static final float LABEL_X = 50f;
    private static final float BAR_X = 170f;
    private static final float BAR_MAX_WIDTH = 300f;

    /** Draws one chart whose title baseline is at {@code top}. */
    private static void chart(StringBuilder out, Chart chart, float top) {
        out.append("BT /F1 11 Tf ").append(LABEL_X).append(' ').append(top).append(" Td (").append(escape(chart.title()))
                .append(") Tj ET\n");
        List<Bar> bars = chart.bars();
        if (bars.isEmpty()) {
            out.append("BT /F1 9 Tf ").append(LABEL_X).append(' ').append(top - 20).append(" Td (no data) Tj ET\n");
            return;
        }
        BigDecimal max = bars.stream().map(b -> b.value().abs()).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        float slot = Math.min(24f, (CHART_HEIGHT - 20) / bars.size());
        float barHeight = slot * 0.7f;
        float y = top - 14;
        // the axis the bars grow from
        out.append("0 0 0 RG 0.5 w ").append(BAR_X).append(' ').append(fmt(y)).append(" m ").append(BAR_X).append(' ')
                .append(fmt(y - slot * bars.size())).append(" l S\n");
        for (Bar b : bars) {
            y -= slot;
            float width = max.signum() == 0 ? 0f : b.value().abs().multiply(BigDecimal.valueOf(BAR_MAX_WIDTH))
                    .divide(max, 3, java.math.RoundingMode.HALF_EVEN).floatValue();
            out.append("BT /F1 8 Tf ").append(LABEL_X).append(' ').append(fmt(y + 1)).append(" Td (")
                    .append(escape(clip(b.label(), 26))).append(") Tj ET\n");
            if (width > 0) {
                out.append(b.value().signum() < 0 ? "0.80 0.20 0.20 rg " : "0.18 0.42 0.70 rg ").append(BAR_X).append(' ')
                        .append(fmt(y)).append(' ').append(fmt(width)).append(' ').append(fmt(barHeight)).append(" re f\n");
            }
            out.append("0 0 0 rg BT /F1 8 Tf ").append(fmt(BAR_X + width + 4)).append(' ').append(fmt(y + 1)).append(" Td (")
                    .append(escape(b.value().toPlainString())).append(") Tj ET\n");
        }
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    private static String fmt(float f) {
        return String.format(java.util.Locale.ROOT, "%.2f", f);
    }

    private static byte[] document(String title, List<String> pages) {
        // objects: 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content
        List<String> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < pages.size(); p++) {
            kids.append(5 + 2 * p).append(" 0 R ");
        }
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
        objects.add("<< /Title (" + escape(title) + ") /Producer (BranchPOS) >>");
        for (int p = 0; p < pages.size(); p++) {
            String content = pages.get(p);
            byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                    + " /Contents " + (6 + 2 * p) + " 0 R >>");
            objects.add("<< /Length " + stream.length + " >>\nstream\n" + content + "\nendstream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) {
            x.append(String.format("%010d 00000 n \n", o));
        }
        x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R /Info 4 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    /** PDF string escaping; characters outside Latin-1 become '?', since Courier/WinAnsi cannot show them. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\u20ac') {
                b.append("EUR");
            } else if (c < 32 || c > 255) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
