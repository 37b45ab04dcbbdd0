package io.branchpos.desktop.reports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes lines of fixed-width text as a minimal PDF 1.4 (A4, Courier, one of the 14 standard fonts,
 * so nothing is embedded). Enough for Z reports and lists; see decision 0352 for why we write it
 * ourselves instead of adding a PDF library.
 */
public final class TextPdf {
    private static final int LINES_PER_PAGE = 64;
    private static final float FONT_SIZE = 9.5f;
    private static final float LEADING = 12f;

    private TextPdf() {
    }

    public static byte[] of(String title, List<String> lines) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < Math.max(1, lines.size()); i += LINES_PER_PAGE) {
            pages.add(lines.subList(Math.min(i, lines.size()), Math.min(lines.size(), i + LINES_PER_PAGE)));
        }
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
            StringBuilder content = new StringBuilder("BT /F1 " + FONT_SIZE + " Tf " + LEADING + " TL 50 800 Td\n");
            for (String line : pages.get(p)) {
                content.append('(').append(escape(line)).append(") Tj T*\n");
            }
            content.append("ET");
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
