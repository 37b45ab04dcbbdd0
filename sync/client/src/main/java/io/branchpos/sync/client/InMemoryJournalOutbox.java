package io.branchpos.sync.client;

import io.branchpos.sync.protocol.JournalHash;
import io.branchpos.sync.protocol.QuarantinedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A journal in memory that writes the hash chain of decision 0004: for tests, simulations and the
 * demo. Thread-safe. The store's real adapter lives in {@code app/store}.
 */
public final class InMemoryJournalOutbox implements JournalOutbox {

    private final String terminalId;
    private final Random random;
    private final List<OutboxEvent> events = new ArrayList<>();
    private final java.util.Map<String, QuarantinedEvent> quarantined = new java.util.LinkedHashMap<>();
    private long syncedThrough;

    public InMemoryJournalOutbox(String terminalId, Random random) {
        this.terminalId = terminalId;
        this.random = random;
    }

    /** Appends an event with the next seq, a UUIDv7 id and the chained hash; returns it. */
    public synchronized OutboxEvent append(String type, String payload, Instant occurredAt) {
        long seq = events.size() + 1L;
        String prevHash = events.isEmpty() ? JournalHash.GENESIS : events.get(events.size() - 1).hash();
        Instant at = Instant.ofEpochMilli(occurredAt.toEpochMilli());
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String eventId = uuidV7(at.toEpochMilli(), random).toString();
        String hash = JournalHash.compute(prevHash, eventId, terminalId, seq, type, 1, day, at.toEpochMilli(), payload);
        OutboxEvent e = new OutboxEvent(eventId, terminalId, seq, prevHash, hash, type, 1, day, at, payload);
        events.add(e);
        return e;
    }

    @Override
    public synchronized void recordQuarantined(QuarantinedEvent event) {
        quarantined.put(event.eventId(), event);
    }

    /** What HQ reported as quarantined, by event id. */
    public synchronized java.util.Map<String, QuarantinedEvent> quarantined() {
        return java.util.Map.copyOf(quarantined);
    }

    /** Every event ever appended, in seq order. */
    public synchronized List<OutboxEvent> all() {
        return List.copyOf(events);
    }

    public String terminalId() {
        return terminalId;
    }

    @Override
    public synchronized List<OutboxEvent> eventsFrom(long fromSeq, int max) {
        int start = (int) Math.max(0, fromSeq - 1);
        if (start >= events.size()) {
            return List.of();
        }
        return List.copyOf(events.subList(start, Math.min(events.size(), start + max)));
    }

    @Override
    public synchronized long syncedThroughSeq() {
        return syncedThrough;
    }

    @Override
    public synchronized void markSyncedThrough(long seq) {
        syncedThrough = Math.max(syncedThrough, Math.min(seq, events.size()));
    }

    @Override
    public synchronized long pendingCount() {
        return events.size() - syncedThrough;
    }

    @Override
    public synchronized Optional<Instant> oldestPendingOccurredAt() {
        return syncedThrough < events.size() ? Optional.of(events.get((int) syncedThrough).occurredAt()) : Optional.empty();
    }

    /** A version-7 UUID (time-ordered) from epoch millis and randomness. */
    public static UUID uuidV7(long epochMillis, Random random) {
        long msb = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
