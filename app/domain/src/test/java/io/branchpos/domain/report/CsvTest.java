package io.branchpos.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void fieldsAreQuotedOnlyWhenNeededAndFormulasAreDefused() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("=SUM(A1)")).isEqualTo("\"'=SUM(A1)\"");
        assertThat(Csv.field("-1.50")).isEqualTo("-1.50");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void linesEndWithCrLf() {
        assertThat(Csv.of(List.of("a", "b"), List.of(List.of("1", "2")))).isEqualTo("a,b\r\n1,2\r\n");
    }
}
