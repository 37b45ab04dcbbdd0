package io.branchpos.desktop.checkout;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Turns a scanned or typed code into what to look up, and any quantity the code itself carries
 * (a weight-embedded label from the deli scale). One method so the hardware module's parser can
 * replace the built-in one.
 */
@FunctionalInterface
public interface ScanDecoder {
    /** What a code means for the till. */
    record Scan(String lookupCode, Optional<BigDecimal> embeddedQuantity) {
    }

    Scan decode(String raw);

    /**
     * The demo store's in-store labels: EAN-13 {@code 21 IIIII WWWWW C} — item code {@code 21IIIII},
     * weight in grams; any other code is looked up as it is.
     */
    ScanDecoder IN_STORE_WEIGHT_LABELS = raw -> {
        if (raw.length() == 13 && raw.startsWith("21") && raw.chars().allMatch(Character::isDigit)) {
            return new Scan(raw.substring(0, 7),
                    Optional.of(new BigDecimal(raw.substring(7, 12)).movePointLeft(3)));
        }
        return new Scan(raw, Optional.empty());
    };
}
