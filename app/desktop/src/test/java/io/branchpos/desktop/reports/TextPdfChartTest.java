package io.branchpos.desktop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPdfChartTest {

    private static TextPdf.Bar bar(String label, String value) {
        return new TextPdf.Bar(label, new BigDecimal(value));
    }

    @Test
    void chartsAreDrawnAsRectanglesWhoseWidthsFollowTheValuesAfterTheTextPages() {
        byte[] pdf = TextPdf.of("Z 1", List.of("Z REPORT #1", "Gross 17.50"), List.of(
                new TextPdf.Chart("Tenders", List.of(bar("CASH", "10.00"), bar("CARD", "5.00"), bar("VOUCHER", "0"),
                        bar("STORE_CREDIT", "-2.50"))),
                new TextPdf.Chart("By hour", List.of(bar("09", "3"), bar("10", "6"))),
                new TextPdf.Chart("Cashiers", List.of())));
        PdfContent content = PdfContent.parse(pdf);

        assertThat(content.pages()).as("one text page, two chart pages (two charts per page)").hasSize(3);
        assertThat(content.pages().get(0).rects()).as("text page has no drawing").isEmpty();
        List<String> titles = List.of("Tenders", "By hour", "Cashiers");
        PdfContent.Page page = content.pageWith("Tenders");
        List<PdfContent.Rect> tenders = page.rectsOfChart("Tenders", titles);
        assertThat(tenders).as("one bar per non-zero value").hasSize(3);
        assertThat(PdfContent.ratio(tenders.get(0).width(), tenders.get(1).width())).isEqualByComparingTo("2.00");
        assertThat(PdfContent.ratio(tenders.get(0).width(), tenders.get(2).width())).isEqualByComparingTo("4.00");
        assertThat(tenders.get(2).fill()).as("a negative value is red").isEqualTo("0.80 0.20 0.20");
        assertThat(tenders.get(0).y()).as("bars go down the page in order").isGreaterThan(tenders.get(1).y());
        assertThat(page.texts()).contains("CASH", "10.00", "CARD", "STORE_CREDIT", "-2.50");
        List<PdfContent.Rect> hours = page.rectsOfChart("By hour", titles);
        assertThat(hours).hasSize(2);
        assertThat(hours.get(0).y()).as("second chart below the first").isLessThan(tenders.get(2).y());
        assertThat(content.pageWith("Cashiers").texts()).contains("no data");

        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = Integer.parseInt(text.substring(text.indexOf("startxref\n") + 10, text.indexOf("\n%%EOF")).trim());
        String[] entries = text.substring(xref).split("\n");
        for (int i = 3; i < entries.length && entries[i].endsWith(" n "); i++) {
            assertThat(text.substring(Integer.parseInt(entries[i].substring(0, 10)))).startsWith((i - 2) + " 0 obj");
        }
    }
}
