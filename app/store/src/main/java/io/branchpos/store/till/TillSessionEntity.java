package io.branchpos.store.till;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Row of {@code till_session}. {@code openSlot} makes "one open session per terminal" a constraint. */
@Entity
@Table(name = "till_session")
public class TillSessionEntity {
    @Id
    @Column(name = "session_id")
    UUID sessionId;
    @Column(name = "terminal_id", nullable = false)
    String terminalId;
    @Column(name = "opened_by", nullable = false)
    String openedBy;
    @Column(name = "opened_at", nullable = false)
    Instant openedAt;
    @Column(name = "business_day", nullable = false)
    LocalDate businessDay;
    @Column(name = "currency", nullable = false)
    String currency;
    @Column(name = "opening_float", nullable = false)
    BigDecimal openingFloat;
    @Column(name = "float_count", nullable = false)
    String floatCount;
    @Column(name = "closed_at")
    Instant closedAt;
    @Column(name = "open_slot")
    String openSlot;

    protected TillSessionEntity() {
    }

    /** Marks the session closed (for the day-close flow, inside its transaction). */
    public void close(Instant at) {
        this.closedAt = at;
        this.openSlot = null;
    }

    public UUID sessionId() {
        return sessionId;
    }
}
