package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JournalHashTest {

    @Test
    void reproducesTheTestVectorOfDecision0004() {
        String hash = JournalHash.compute(JournalHash.GENESIS, "01900000-0000-7000-8000-000000000001", "T-001", 1,
                "SALE_COMPLETED", 1, LocalDate.parse("2026-11-22"), 1795000000000L,
                "{\"saleId\":\"s-1\",\"total\":\"12.50\"}");

        assertThat(hash).isEqualTo("514473601978b1f9156fcf0fe17adf0bdd617b2ea557bdb4983c4d6357d0ab62");
    }

    @Test
    void anyChangeOfThePayloadTextChangesTheHash() {
        String a = JournalHash.compute(JournalHash.GENESIS, "id", "T", 1, "X", 1, LocalDate.parse("2026-01-01"), 0, "{\"t\":\"12.50\"}");
        String b = JournalHash.compute(JournalHash.GENESIS, "id", "T", 1, "X", 1, LocalDate.parse("2026-01-01"), 0, "{\"t\":\"12.5\"}");

        assertThat(a).isNotEqualTo(b);
    }

    @Property(tries = 300)
    void theHashFromThePayloadsBytesIsTheHashOfTheText(@ForAll String payload, @ForAll long seq) {
        // any text, including non-ASCII and lone surrogates (which UTF-8 encodes as '?' either way)
        WireEvent e = new WireEvent("01900000-0000-7000-8000-000000000001", seq, JournalHash.GENESIS, "h", "SALE_COMPLETED", 1,
                Instant.ofEpochMilli(1795000000123L), LocalDate.parse("2026-11-22"), payload);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);

        assertThat(JournalHash.compute("T-001", e, bytes)).isEqualTo(JournalHash.compute("T-001", e));
        assertThat(JournalHash.sha256Hex(bytes)).isEqualTo(JournalHash.sha256Hex(payload));
    }
}
