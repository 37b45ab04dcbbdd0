package io.branchpos.desktop.reports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back what {@link TextPdf} wrote, for tests: the page content streams (located through the
 * cross-reference table and each stream's {@code /Length}), and in them the filled rectangles
 * ({@code x y w h re f}) and the text strings ({@code (..) Tj}). A reader of our own output, not a
 * general PDF parser.
 */
public record PdfContent(List<Page> pages) {

    /** A filled rectangle and the fill colour set before it. */
    public record Rect(float x, float y, float width, float height, String fill) {
    }

    /** One page's content stream, its rectangles and its strings in drawing order. */
    public record Page(String stream, List<Rect> rects, List<String> texts) {
        /** The rectangles drawn after the text {@code title} and before the next chart title (or the end). */
        public List<Rect> rectsOfChart(String title, List<String> allTitles) {
            int start = stream.indexOf("(" + escaped(title) + ") Tj");
            if (start < 0) {
                throw new AssertionError("no chart titled " + title + " on this page");
            }
            int end = stream.length();
            for (String t : allTitles) {
                int i = stream.indexOf("(" + escaped(t) + ") Tj", start + 1);
                if (i > start && i < end) {
                    end = i;
                }
            }
            return PdfContent.rects(stream.substring(start, end));
        }
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    private static final Pattern STREAM = Pattern.compile("<< /Length (\\d+) >>\nstream\n");
    private static final Pattern RECT = Pattern.compile("(?:([0-9.]+ [0-9.]+ [0-9.]+) rg )?(-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+) re f");
    private static final Pattern TEXT = Pattern.compile("\\(((?:[^()\\\\]|\\\\.)*)\\) Tj");

    public static PdfContent parse(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("%PDF-1.4")) {
            throw new AssertionError("not a PDF 1.4 file");
        }
        List<Page> pages = new ArrayList<>();
        Matcher m = STREAM.matcher(text);
        while (m.find()) {
            int length = Integer.parseInt(m.group(1));
            String stream = text.substring(m.end(), m.end() + length);
            if (!text.startsWith("\nendstream", m.end() + length)) {
                throw new AssertionError("stream /Length " + length + " does not end at endstream");
            }
            List<String> texts = new ArrayList<>();
            Matcher t = TEXT.matcher(stream);
            while (t.find()) {
                texts.add(t.group(1).replaceAll("\\\\(.)", "$1"));
            }
            pages.add(new Page(stream, rects(stream), texts));
        }
        return new PdfContent(pages);
    }

    private static List<Rect> rects(String stream) {
        List<Rect> rects = new ArrayList<>();
        Matcher r = RECT.matcher(stream);
        while (r.find()) {
            rects.add(new Rect(Float.parseFloat(r.group(2)), Float.parseFloat(r.group(3)), Float.parseFloat(r.group(4)),
                    Float.parseFloat(r.group(5)), r.group(1)));
        }
        return rects;
    }

    /** The page that carries the chart titled {@code title}. */
    public Page pageWith(String title) {
        return pages.stream().filter(p -> p.texts().contains(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no page has the text " + title));
    }

    /** Width ratio helper: {@code a / b} as BigDecimal to 2 places. */
    public static BigDecimal ratio(float a, float b) {
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 2, java.math.RoundingMode.HALF_EVEN);
    }
}
