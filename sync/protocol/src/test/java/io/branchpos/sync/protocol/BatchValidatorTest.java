package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private static WireEvent event(long seq) {
        String id = String.format("01900000-0000-7000-8000-%012d", seq);
        return new WireEvent(id, seq, JournalHash.GENESIS, "a".repeat(64), "SALE_VOIDED", 1,
                Instant.parse("2026-11-22T10:00:00Z"), LocalDate.parse("2026-11-22"), "{}");
    }

    @Test
    void aWellFormedBatchIsValid() {
        assertThat(BatchValidator.validate(new EventBatch(1, "T-001", List.of(event(1), event(2)))).isValid()).isTrue();
    }

    @Test
    void aGapInsideTheBatchIsRefused() {
        Validation v = BatchValidator.validate(new EventBatch(1, "T-001", List.of(event(1), event(3))));

        assertThat(v.message()).contains("events[1].seq must follow 1 without a gap, was 3");
    }

    @Test
    void absurdValuesAreRefusedWithTheFieldNamed() {
        WireEvent bad = new WireEvent("not-a-uuid", -5, "xyz", null, "sale", 0, Instant.parse("1970-01-01T00:00:00Z"),
                LocalDate.parse("9999-01-01"), null);

        Validation v = BatchValidator.validate(new EventBatch(1, "T 001 ; drop", List.of(bad)));

        assertThat(v.problems()).anyMatch(p -> p.startsWith("terminalId"))
                .anyMatch(p -> p.startsWith("events[0].eventId"))
                .anyMatch(p -> p.startsWith("events[0].seq"))
                .anyMatch(p -> p.startsWith("events[0].prevHash"))
                .anyMatch(p -> p.startsWith("events[0].hash"))
                .anyMatch(p -> p.startsWith("events[0].type"))
                .anyMatch(p -> p.startsWith("events[0].schemaVersion"))
                .anyMatch(p -> p.startsWith("events[0].occurredAt"))
                .anyMatch(p -> p.startsWith("events[0].businessDay"))
                .anyMatch(p -> p.startsWith("events[0].payload"));
    }

    @Test
    void tooManyEventsAreRefused() {
        List<WireEvent> events = new ArrayList<>();
        for (int i = 1; i <= BatchValidator.MAX_EVENTS_PER_BATCH + 1; i++) {
            events.add(event(i));
        }

        assertThat(BatchValidator.validate(new EventBatch(1, "T", events)).message()).contains("at most 1000 per batch");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThat(BatchValidator.validate(new EventBatch(1, "T", List.of())).isValid()).isFalse();
    }

    /** Strings near the shapes: the alphabets of all three plus a few others, lengths around 36 and 64. */
    @Provide
    Arbitrary<String> nearShapes() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdefABCDEFXZ_-g ").ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> uuids = Arbitraries.strings().withChars("0123456789abcdef-G").ofLength(36);
        Arbitrary<String> hashes = Arbitraries.strings().withChars("0123456789abcdefA").ofLength(64);
        Arbitrary<String> types = Arbitraries.strings().withChars("ABCZ09_a-").ofMinLength(0).ofMaxLength(66);
        Arbitrary<String> validUuids = Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
        return Arbitraries.oneOf(random, uuids, hashes, types, validUuids);
    }

    @Property(tries = 2000)
    void theShapeChecksMeanExactlyTheirRegularExpressions(@ForAll("nearShapes") String s) {
        assertThat(BatchValidator.isLowercaseUuid(s))
                .isEqualTo(Pattern.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", s));
        assertThat(BatchValidator.isHex64(s)).isEqualTo(Pattern.matches("[0-9a-f]{64}", s));
        assertThat(BatchValidator.isTypeName(s)).isEqualTo(Pattern.matches("[A-Z][A-Z0-9_]{0,63}", s));
    }
}
