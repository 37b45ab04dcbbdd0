package io.branchpos.domain.till;

import io.branchpos.domain.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One opening of a till: who opened it, when, with which float, until it is closed. */
public record TillSession(
        UUID id,
        String terminalId,
        String openedBy,
        Instant openedAt,
        LocalDate businessDay,
        Money openingFloat,
        Instant closedAt) {

    public TillSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(openedBy, "openedBy");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(businessDay, "businessDay");
        Objects.requireNonNull(openingFloat, "openingFloat");
    }

    public boolean isOpen() {
        return closedAt == null;
    }
}
