package io.branchpos.domain.tax;

import java.math.BigDecimal;
import java.util.Objects;

/** A named VAT/sales-tax rate in percent, e.g. {@code STANDARD 19}. */
public record TaxRate(String code, BigDecimal percent) {
    public TaxRate {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(percent, "percent");
        if (code.isBlank()) {
            throw new IllegalArgumentException("tax code must not be blank");
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("tax rate must be between 0 and 100 percent: " + percent);
        }
    }

    public static TaxRate of(String code, String percent) {
        return new TaxRate(code, new BigDecimal(percent));
    }
}
