package io.branchpos.desktop.receipt;

import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.LineTotal;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.TicketLine;
import io.branchpos.domain.tax.TaxLine;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The receipt as fixed-width text (42 columns, an 80 mm printer's Font A): the layout both the
 * on-screen preview and the printed receipt follow. Tax codes are letters A, B… per rate.
 */
public final class PlainTextReceipt {
    public static final int WIDTH = 42;

    private final Locale locale;
    private final ResourceBundle texts;
    private final ZoneId zone;

    public PlainTextReceipt(Locale locale, ResourceBundle texts, ZoneId zone) {
        this.locale = locale;
        this.texts = texts;
        this.zone = zone;
    }

    public List<String> lines(ReceiptData d) {
        CompletedSale s = d.sale();
        List<String> out = new ArrayList<>();
        if (d.copy()) {
            out.add(center("*** " + texts.getString("receipt.copy") + " ***"));
        }
        out.add(center(d.storeName()));
        out.add(center(texts.getString("receipt.terminal") + " " + d.terminalId()));
        out.add(lr(texts.getString("receipt.number") + " " + d.receipt().receiptNumber(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(s.completedAt())));
        out.add(rule());
        List<String> codes = new ArrayList<>();
        for (TaxLine t : s.totals().taxes()) {
            codes.add(t.rate().code());
        }
        for (int i = 0; i < s.lines().size(); i++) {
            TicketLine l = s.lines().get(i);
            LineTotal t = s.totals().lines().get(i);
            String letter = String.valueOf((char) ('A' + Math.max(0, codes.indexOf(t.taxRate().code()))));
            String qty = l.quantity().stripTrailingZeros().toPlainString()
                    + (l.product().unit().isMeasured() ? " " + l.product().unit().symbol() : "");
            if (l.quantity().compareTo(java.math.BigDecimal.ONE) == 0 && !l.product().unit().isMeasured()) {
                out.add(lr(cut(l.product().name(), WIDTH - 12), amount(t.base()) + " " + letter));
            } else {
                out.add(cut(l.product().name(), WIDTH));
                out.add(lr("  " + qty + " x " + amount(l.unitPrice()), amount(t.base()) + " " + letter));
            }
            if (l.serial() != null) {
                out.add("  " + texts.getString("receipt.serial") + " " + l.serial());
            }
            if (l.priceOverridden()) {
                out.add("  " + texts.getString("receipt.priceWas") + " " + amount(l.listPrice()));
            }
            if (t.promotionDiscount().isPositive()) {
                String name = l.promotion() != null ? l.promotion().name() : texts.getString("receipt.promotion");
                out.add(lr("  " + cut(name, WIDTH - 16), "-" + amount(t.promotionDiscount()) + "  "));
            }
            if (t.lineDiscount().isPositive()) {
                out.add(lr("  " + texts.getString("receipt.discount"), "-" + amount(t.lineDiscount()) + "  "));
            }
        }
        if (s.totals().receiptDiscount().isPositive()) {
            out.add(lr(texts.getString("receipt.receiptDiscount"), "-" + amount(s.totals().receiptDiscount()) + "  "));
        }
        out.add(rule());
        out.add(lr(texts.getString("receipt.total") + " " + s.currencyCode(), amount(s.totals().gross()) + "  "));
        if (!s.cashRounding().isZero()) {
            out.add(lr(texts.getString("receipt.rounding"), amount(s.cashRounding()) + "  "));
        }
        for (Payment p : s.payments()) {
            String name = texts.getString("tender." + p.tender().name());
            out.add(lr(name + (p.reference() != null ? " " + p.reference() : ""), amount(p.amount()) + "  "));
        }
        if (s.change().isPositive()) {
            out.add(lr(texts.getString("receipt.change"), amount(s.change()) + "  "));
        }
        out.add(rule());
        out.add(String.format("%-8s%11s%11s%12s", texts.getString("receipt.taxRate"), texts.getString("receipt.net"),
                texts.getString("receipt.tax"), texts.getString("receipt.gross")));
        for (int i = 0; i < s.totals().taxes().size(); i++) {
            TaxLine t = s.totals().taxes().get(i);
            out.add(String.format("%-8s%11s%11s%12s", (char) ('A' + i) + " " + t.rate().percent().stripTrailingZeros()
                    .toPlainString() + "%", amount(t.net()), amount(t.tax()), amount(t.gross())));
        }
        out.add(rule());
        if (d.cashierName() != null) {
            out.add(texts.getString("receipt.cashier") + " " + d.cashierName());
        }
        out.add(center(texts.getString("receipt.thanks")));
        return out;
    }

    private String amount(Money m) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(m.scale());
        f.setMaximumFractionDigits(m.scale());
        f.setGroupingUsed(false);
        return f.format(m.amount());
    }

    private static String rule() {
        return "-".repeat(WIDTH);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String lr(String left, String right) {
        int space = WIDTH - right.length();
        String l = cut(left, Math.max(0, space - 1));
        return l + " ".repeat(Math.max(1, WIDTH - l.length() - right.length())) + right;
    }

    static String center(String s) {
        String c = cut(s, WIDTH);
        return " ".repeat((WIDTH - c.length()) / 2) + c;
    }
}
