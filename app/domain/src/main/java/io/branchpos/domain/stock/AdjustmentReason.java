package io.branchpos.domain.stock;

/** Why stock was adjusted by hand. */
public enum AdjustmentReason {
    DAMAGE, THEFT, EXPIRY, OWN_USE, FOUND, CORRECTION
}
