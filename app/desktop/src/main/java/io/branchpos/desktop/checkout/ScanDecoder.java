package io.branchpos.desktop.checkout;

import io.branchpos.domain.money.Money;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Turns a scanned or typed code into what to look up, and what the code itself carries (a
 * weight or price from a deli label, or one of our receipts). One method so the parser behind it
 * can be swapped: {@link HardwareScanDecoder} in the app, the simple built-in one in tests.
 */
@FunctionalInterface
public interface ScanDecoder {
    /** What a code means for the till. */
    record Scan(String lookupCode, Optional<BigDecimal> embeddedQuantity, Optional<Money> embeddedPrice,
            Optional<String> receiptNumber) {
        public static Scan plain(String code) {
            return new Scan(code, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    Scan decode(String raw);

    /**
     * The demo store's in-store labels without check-digit validation: EAN-13
     * {@code 21 IIIII WWWWW C} — item code {@code 21IIIII}, weight in grams; anything else is
     * looked up as it is.
     */
    ScanDecoder IN_STORE_WEIGHT_LABELS = raw -> {
        if (raw.length() == 13 && raw.startsWith("21") && raw.chars().allMatch(Character::isDigit)) {
            return new Scan(raw.substring(0, 7), Optional.of(new BigDecimal(raw.substring(7, 12)).movePointLeft(3)),
                    Optional.empty(), Optional.empty());
        }
        return Scan.plain(raw);
    };
}
