package io.branchpos.domain.promo;

import java.time.Instant;
import java.util.Objects;

/**
 * A promotion as HQ defines it: an id that stays, a version that grows with every change (a sale
 * records both), a name for the ticket and receipt, a rule, and a validity window
 * {@code [validFrom, validUntil)} ({@code validUntil} null: open-ended; equal to {@code validFrom}:
 * ended before it started, never valid).
 */
public record Promotion(String id, long version, String name, PromotionRule rule, Instant validFrom, Instant validUntil) {

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(validFrom, "validFrom");
        if (id.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a promotion needs an id and a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("promotion versions start at 1, not " + version);
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("promotion " + id + " ends (" + validUntil + ") before it starts (" + validFrom + ")");
        }
    }

    /** True when a sale at {@code at} gets this promotion: from {@code validFrom} inclusive to {@code validUntil} exclusive. */
    public boolean isValidAt(Instant at) {
        return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil));
    }
}
