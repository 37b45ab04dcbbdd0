package io.branchpos.hardware.scan;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our receipt QR format: {@code BPOS:R:<receiptNumber>:<saleId>}, e.g.
 * {@code BPOS:R:0042-000123:0190f3a2-7c1e-7b3d-9a1f-2b3c4d5e6f70}. The receipt number is what the cashier
 * reads ({@code [A-Za-z0-9./_-]}, 1–40 characters); the sale id is the sale's UUID, which is what a refund
 * or reprint looks up. The prefix lets the till tell it apart from product codes.
 */
public final class ReceiptQr {

    public static final String PREFIX = "BPOS:R:";
    private static final Pattern FORMAT = Pattern.compile(
            "BPOS:R:([A-Za-z0-9./_-]{1,40}):([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private ReceiptQr() {
    }

    /** The QR content for a receipt. */
    public static String encode(String receiptNumber, UUID saleId) {
        String s = PREFIX + receiptNumber + ":" + saleId.toString().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(s).matches()) {
            throw new IllegalArgumentException("receipt number may use A-Z a-z 0-9 . / _ - (1..40), got '" + receiptNumber + "'");
        }
        return s;
    }

    /** Parses receipt QR content; throws {@link ScanParseException} if it is not one. */
    public static ScannedCode.ReceiptReference parse(String raw) {
        Matcher m = FORMAT.matcher(raw.trim());
        if (!m.matches()) {
            throw new ScanParseException("not a BranchPOS receipt code: '" + raw + "'");
        }
        return new ScannedCode.ReceiptReference(raw, m.group(1), UUID.fromString(m.group(2)));
    }
}
