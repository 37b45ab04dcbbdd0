package io.branchpos.sync.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** COPY's text format as HQ writes it (decision 0209). */
class CopyRowsTest {

    @Test
    void fieldsAreTabSeparatedRowsEndWithANewlineAndNullIsBackslashN() {
        CopyRows rows = new CopyRows();
        rows.add("a").add(null).add("");
        rows.endRow();
        rows.add("b").add("c").add("d");
        rows.endRow();

        assertThat(new String(rows.bytes(), StandardCharsets.UTF_8)).isEqualTo("a\t\\N\t\nb\tc\td\n");
        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.copyable()).isTrue();
    }

    @Test
    void backslashTabNewlineAndCarriageReturnAreEscapedAndOtherTextIsUtf8() {
        CopyRows rows = new CopyRows();
        rows.add("x\\y\tz\nw\rv \"Äß€\"");
        rows.endRow();

        assertThat(new String(rows.bytes(), StandardCharsets.UTF_8)).isEqualTo("x\\\\y\\tz\\nw\\rv \"Äß€\"\n");
    }

    @Test
    void aValueHoldingU0000MakesTheRowsNotCopyable() {
        CopyRows rows = new CopyRows();
        rows.add("fine").add("nul\0here");
        rows.endRow();

        assertThat(rows.copyable()).isFalse();
    }
}
