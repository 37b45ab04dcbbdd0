package io.branchpos.sync.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure validation of a batch envelope. A batch that fails here is refused as a whole (400, nothing
 * stored): it is structurally impossible for a correct terminal to send. Payload problems are not
 * checked here; they quarantine a single event (see {@link PayloadValidator}).
 */
public final class BatchValidator {

    public static final int MAX_EVENTS_PER_BATCH = 1000;
    public static final int MAX_PAYLOAD_CHARS = 256 * 1024;
    /** Plausible instants; anything outside is a broken clock or a forged event. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final long MAX_SEQ = 1L << 53;

    private static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private BatchValidator() {
    }

    public static boolean isValidTerminalId(String id) {
        return id != null && TERMINAL_ID.matcher(id).matches();
    }

    public static Validation validate(EventBatch batch) {
        List<String> problems = new ArrayList<>();
        if (batch == null) {
            return new Validation(List.of("body is empty"));
        }
        if (!isValidTerminalId(batch.terminalId())) {
            problems.add("terminalId must be 1-64 letters, digits, '.', '_' or '-'");
        }
        List<WireEvent> events = batch.events();
        if (events == null || events.isEmpty()) {
            problems.add("events must contain at least one event");
            return new Validation(problems);
        }
        if (events.size() > MAX_EVENTS_PER_BATCH) {
            problems.add("events holds " + events.size() + " events; at most " + MAX_EVENTS_PER_BATCH + " per batch");
            return new Validation(problems);
        }
        Set<String> ids = new HashSet<>();
        Long previousSeq = null;
        for (int i = 0; i < events.size(); i++) {
            WireEvent e = events.get(i);
            String at = "events[" + i + "]";
            if (e == null) {
                problems.add(at + " is null");
                continue;
            }
            if (e.eventId() == null || !isLowercaseUuid(e.eventId())) {
                problems.add(at + ".eventId must be a lowercase UUID");
            } else if (!ids.add(e.eventId())) {
                problems.add(at + ".eventId " + e.eventId() + " appears twice in the batch");
            }
            if (e.seq() < 1 || e.seq() > MAX_SEQ) {
                problems.add(at + ".seq must be between 1 and 2^53, was " + e.seq());
            } else if (previousSeq != null && e.seq() != previousSeq + 1) {
                problems.add(at + ".seq must follow " + previousSeq + " without a gap, was " + e.seq());
            }
            previousSeq = e.seq();
            if (e.prevHash() == null || !isHex64(e.prevHash())) {
                problems.add(at + ".prevHash must be 64 lowercase hex characters");
            }
            if (e.hash() == null || !isHex64(e.hash())) {
                problems.add(at + ".hash must be 64 lowercase hex characters");
            }
            if (e.type() == null || !isTypeName(e.type())) {
                problems.add(at + ".type must be an upper-case event type name");
            }
            if (e.schemaVersion() < 1 || e.schemaVersion() > 1000) {
                problems.add(at + ".schemaVersion must be between 1 and 1000, was " + e.schemaVersion());
            }
            if (e.occurredAt() == null || e.occurredAt().isBefore(EARLIEST) || !e.occurredAt().isBefore(LATEST)) {
                problems.add(at + ".occurredAt must be an instant between 2000 and 2200");
            }
            LocalDate day = e.businessDay();
            if (day == null || day.getYear() < 2000 || day.getYear() >= 2200) {
                problems.add(at + ".businessDay must be a date between 2000 and 2200");
            }
            if (e.payload() == null) {
                problems.add(at + ".payload must be the event's JSON text");
            } else if (e.payload().length() > MAX_PAYLOAD_CHARS) {
                problems.add(at + ".payload is longer than " + MAX_PAYLOAD_CHARS + " characters");
            }
        }
        return new Validation(problems);
    }

    // The per-event shape checks below are plain loops rather than regular expressions: they run
    // three times per event of every batch (decision 0208). BatchValidatorTest pins their meaning.

    /** {@code [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}. */
    static boolean isLowercaseUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char ch = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (ch != '-') {
                    return false;
                }
            } else if (!isLowerHex(ch)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9a-f]{64}}. */
    static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (!isLowerHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Z][A-Z0-9_]{0,63}}. */
    static boolean isTypeName(String s) {
        if (s.isEmpty() || s.length() > 64 || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(char ch) {
        return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f';
    }
}
