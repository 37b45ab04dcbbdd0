package io.branchpos.store.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Row of {@code terminal_state}: head of the journal chain, business day and receipt counter. */
@Entity
@Table(name = "terminal_state")
public class TerminalStateEntity {
    @Id
    @Column(name = "terminal_id")
    String terminalId;
    @Column(name = "last_seq", nullable = false)
    long lastSeq;
    @Column(name = "last_hash", nullable = false)
    String lastHash;
    @Column(name = "business_day", nullable = false)
    LocalDate businessDay;
    @Column(name = "next_receipt_no", nullable = false)
    long nextReceiptNo;

    protected TerminalStateEntity() {
    }

    public TerminalStateEntity(String terminalId, LocalDate businessDay) {
        this.terminalId = terminalId;
        this.lastSeq = 0;
        this.lastHash = JournalHash.GENESIS;
        this.businessDay = businessDay;
        this.nextReceiptNo = 1;
    }

    public LocalDate businessDay() {
        return businessDay;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** Hash of the last event, or the genesis hash on an empty journal. */
    public String lastHash() {
        return lastHash;
    }

    public void setBusinessDay(LocalDate day) {
        this.businessDay = day;
    }

    /** Takes and advances the receipt counter. */
    public long takeReceiptNumber() {
        return nextReceiptNo++;
    }

    JournalEvent append(java.util.UUID eventId, String type, int schemaVersion, java.time.Instant at, String payload) {
        long seq = lastSeq + 1;
        String hash = JournalHash.of(lastHash, eventId.toString(), terminalId, seq, type, schemaVersion,
                businessDay.toString(), at.toEpochMilli(), payload);
        JournalEvent e = new JournalEvent(eventId, terminalId, seq, lastHash, hash, type, schemaVersion, businessDay,
                at, payload, null);
        lastSeq = seq;
        lastHash = hash;
        return e;
    }
}
