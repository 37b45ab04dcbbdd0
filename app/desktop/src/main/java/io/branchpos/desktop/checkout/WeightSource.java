package io.branchpos.desktop.checkout;

import java.math.BigDecimal;
import java.util.Optional;

/** A scale as the selling screen sees it: a stable weight in kg, or nothing. May block; never throws. */
@FunctionalInterface
public interface WeightSource {
    Optional<BigDecimal> stableWeightKg();
}
