package io.branchpos.desktop.dayclose;

import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.domain.dayclose.ZReportText;
import io.branchpos.hardware.receipt.ReceiptDocument;
import java.util.List;

/** The Z (or X) report as a receipt: the same lines as on screen and in the PDF, with a title and a cut. */
public final class ZReceipt {
    /** Characters per line that fit font A on 80 mm paper with margins to spare (and 58 mm with wrapping). */
    static final int WIDTH = 42;

    private static final java.util.regex.Pattern PAIR = java.util.regex.Pattern.compile("(.*?\\S)\\s{2,}(\\S.*)");

    private ZReceipt() {
    }

    public static ReceiptDocument document(ZReport z) {
        List<String> lines = ZReportText.lines(z, WIDTH);
        ReceiptDocument.Builder b = ReceiptDocument.builder()
                .text(z.isZ() ? "Z REPORT #" + z.zNumber() : "X REPORT", ReceiptDocument.Align.CENTER,
                        ReceiptDocument.Style.TITLE)
                .separator('=');
        lines.stream().skip(1).forEach(l -> {
            java.util.regex.Matcher pair = PAIR.matcher(l);
            if (l.chars().allMatch(c -> c == '-')) {
                b.separator('-');
            } else if (pair.matches()) {
                // label and value: let the encoder align the value to this paper's right edge
                b.keyValue(pair.group(1).strip(), pair.group(2).strip());
            } else {
                b.text(l);
            }
        });
        return b.feed(2).cut().build();
    }
}
