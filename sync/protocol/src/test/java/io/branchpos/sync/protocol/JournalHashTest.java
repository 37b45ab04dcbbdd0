package io.branchpos.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
}
