package io.branchpos.hardware.scan;

import java.util.List;
import java.util.Optional;

/**
 * Turns whatever a scanner sent into a {@link ScannedCode}: strips AIM symbology identifiers, validates check
 * digits, expands UPC-E, normalises to GTIN-14, decodes variable-measure EAN-13 with the chain's templates,
 * GS1 element strings and Digital Links, and our receipt QR codes. Pure and thread-safe; never throws.
 */
public final class ScanParser {

    private final List<VariableMeasureTemplate> templates;

    /** @param templates variable-measure layouts, tried in order; the first whose prefix matches wins */
    public ScanParser(List<VariableMeasureTemplate> templates) {
        this.templates = List.copyOf(templates);
    }

    /** A parser that knows no variable-measure layouts (prefix 20–29 codes are then plain products). */
    public static ScanParser withoutVariableMeasure() {
        return new ScanParser(List.of());
    }

    public ScannedCode parse(String raw) {
        if (raw == null) {
            return new ScannedCode.Unrecognized("", "nothing scanned");
        }
        try {
            return parseOrThrow(raw);
        } catch (ScanParseException e) {
            return new ScannedCode.Unrecognized(raw, e.getMessage());
        } catch (RuntimeException e) {
            // a scanner can send anything; whatever slipped past the checks above is still just unreadable
            return new ScannedCode.Unrecognized(raw, "unreadable code (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ScannedCode parseOrThrow(String raw) {
        String aim = "";
        String s = raw.strip();
        if (s.length() >= 3 && s.charAt(0) == ']') {
            aim = s.substring(0, 3);
            s = s.substring(3);
        }
        if (s.isEmpty()) {
            throw new ScanParseException("nothing scanned");
        }
        if (s.startsWith(ReceiptQr.PREFIX)) {
            ScannedCode.ReceiptReference r = ReceiptQr.parse(s);
            return new ScannedCode.ReceiptReference(raw, r.receiptNumber(), r.saleId());
        }
        if (s.regionMatches(true, 0, "http://", 0, 7) || s.regionMatches(true, 0, "https://", 0, 8)) {
            return new ScannedCode.Gs1Data(raw, DigitalLink.parse(s));
        }
        boolean gs1Aim = aim.equals("]C1") || aim.equals("]e0") || aim.equals("]Q3") || aim.equals("]d2") || aim.equals("]J1");
        if (gs1Aim || s.charAt(0) == Gs1ElementString.GS || s.charAt(0) == '(' || s.indexOf(Gs1ElementString.GS) >= 0) {
            return gs1(raw, s);
        }
        if (!CheckDigits.allDigits(s)) {
            throw new ScanParseException("not a product code: '" + s + "'");
        }
        return switch (s.length()) {
            case 8 -> eightDigits(raw, s, aim);
            case 12 -> retail(raw, "0" + s);
            case 13 -> retail(raw, s);
            case 14 -> product(raw, s);
            default -> s.length() > 14 ? gs1(raw, s) : unknownLength(s);
        };
    }

    private ScannedCode eightDigits(String raw, String s, String aim) {
        // EAN-8 wins unless the scanner said otherwise or it only makes sense as UPC-E
        if (!aim.equals("]E0") && CheckDigits.isValidGs1(s)) {
            return product(raw, s);
        }
        if (s.charAt(0) == '0' || s.charAt(0) == '1') {
            return product(raw, Gtins.expandUpcE(s));
        }
        throw new ScanParseException("check digit wrong in '" + s + "'");
    }

    private ScannedCode retail(String raw, String ean13) {
        if (!CheckDigits.isValidGs1(ean13)) {
            throw new ScanParseException("check digit wrong in '" + ean13 + "'");
        }
        boolean restricted = ean13.startsWith("02") || ean13.charAt(0) == '2';
        if (restricted) {
            for (VariableMeasureTemplate t : templates) {
                if (t.matches(ean13)) {
                    Optional<ScannedCode.VariableMeasure> vm = t.decode(ean13);
                    if (vm.isEmpty()) {
                        throw new ScanParseException("price/weight check digit wrong in '" + ean13 + "'");
                    }
                    ScannedCode.VariableMeasure v = vm.get();
                    return new ScannedCode.VariableMeasure(raw, v.lookupGtin14(), v.itemReference(), v.measure(), v.value());
                }
            }
        }
        return product(raw, ean13);
    }

    private static ScannedCode product(String raw, String gtin) {
        return new ScannedCode.Product(raw, Gtins.toGtin14(gtin)
                .orElseThrow(() -> new ScanParseException("check digit wrong in '" + gtin + "'")));
    }

    private static ScannedCode gs1(String raw, String s) {
        return new ScannedCode.Gs1Data(raw, Gs1Parser.parse(s));
    }

    private static ScannedCode unknownLength(String s) {
        throw new ScanParseException("no product code has " + s.length() + " digits: '" + s + "'");
    }
}
