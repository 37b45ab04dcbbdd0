package io.branchpos.desktop.checkout;

import io.branchpos.domain.money.Money;
import io.branchpos.hardware.scan.ScanParser;
import io.branchpos.hardware.scan.ScannedCode;
import io.branchpos.hardware.scan.VariableMeasureTemplate;
import io.branchpos.hardware.scan.VariableMeasureTemplate.Measure;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Scan codes through the hardware module's {@link ScanParser}: check digits, UPC-E, GS1, variable
 * measure labels and our receipt QR. The catalog keeps EAN-13 codes and short in-store item codes
 * ({@code 21} + 5 digits), so a GTIN-14 is looked up as EAN-13 and a weight label by its item code.
 */
public final class HardwareScanDecoder implements ScanDecoder {
    /** Demo store labels: {@code 21 IIIII WWWWW C}, weight in grams. */
    public static final VariableMeasureTemplate DEMO_WEIGHT = new VariableMeasureTemplate("21IIIIIVVVVVC",
            Measure.WEIGHT_KG, 3);

    private final ScanParser parser;
    private final Currency currency;

    public HardwareScanDecoder(List<VariableMeasureTemplate> templates, Currency currency) {
        this.parser = new ScanParser(templates);
        this.currency = currency;
    }

    @Override
    public Scan decode(String raw) {
        ScannedCode code = parser.parse(raw);
        if (code instanceof ScannedCode.Product p) {
            return Scan.plain(ean13(p.gtin14()));
        } else if (code instanceof ScannedCode.VariableMeasure v) {
            String item = v.lookupGtin14().substring(1, 3) + v.itemReference();
            if (v.measure() == Measure.WEIGHT_KG) {
                return new Scan(item, Optional.of(v.value()), Optional.empty(), Optional.empty());
            }
            return new Scan(item, Optional.empty(), Optional.of(Money.rounded(v.value(), currency, RoundingMode.HALF_UP)),
                    Optional.empty());
        } else if (code instanceof ScannedCode.ReceiptReference r) {
            return new Scan(raw, Optional.empty(), Optional.empty(), Optional.of(r.receiptNumber()));
        } else if (code instanceof ScannedCode.Gs1Data g && g.data().gtin().isPresent()) {
            return Scan.plain(ean13(g.data().gtin().get()));
        }
        return Scan.plain(raw.trim());
    }

    private static String ean13(String gtin14) {
        return gtin14.length() == 14 && gtin14.charAt(0) == '0' ? gtin14.substring(1) : gtin14;
    }
}
