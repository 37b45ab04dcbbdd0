package io.branchpos.store.journal;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Row of {@code journal_event}. Immutable: {@code syncedAt} is the mark rows got before V12; since
 * then HQ's acknowledgement is the {@code journal_sync_mark} watermark (decision 0207).
 */
@Entity
@Table(name = "journal_event")
public class JournalEventEntity {
    @EmbeddedId
    JournalEventKey key;
    @Column(name = "event_id", nullable = false, updatable = false)
    UUID eventId;
    @Column(name = "prev_hash", nullable = false, updatable = false)
    String prevHash;
    @Column(name = "hash", nullable = false, updatable = false)
    String hash;
    @Column(name = "type", nullable = false, updatable = false)
    String type;
    @Column(name = "schema_version", nullable = false, updatable = false)
    int schemaVersion;
    @Column(name = "business_day", nullable = false, updatable = false)
    LocalDate businessDay;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    Instant occurredAt;
    @Lob
    @Column(name = "payload", nullable = false, updatable = false)
    String payload;
    @Column(name = "synced_at", insertable = false, updatable = false)
    Instant syncedAt;

    protected JournalEventEntity() {
    }

    JournalEventEntity(JournalEvent e) {
        this.key = new JournalEventKey(e.terminalId(), e.seq());
        this.eventId = e.eventId();
        this.prevHash = e.prevHash();
        this.hash = e.hash();
        this.type = e.type();
        this.schemaVersion = e.schemaVersion();
        this.businessDay = e.businessDay();
        this.occurredAt = e.occurredAt();
        this.payload = e.payload();
    }

    JournalEvent toEvent() {
        return new JournalEvent(eventId, key.terminalId, key.seq, prevHash, hash, type, schemaVersion, businessDay,
                occurredAt, payload, syncedAt);
    }
}
