package io.branchpos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Map<String, Object> MACHINE = Map.of("cpu", "test", "cores", 2, "memoryMiB", 1024,
            "java", "17", "loadAverageAtStart", "0", "loadAverageAtEnd", "0");

    @Test
    void aMissedTargetGetsItsLimitParagraphInTheSummary() {
        List<Row> rows = List.of(
                Row.measured("1", "barcode lookup p99", 3.9, "µs", "<= 100 µs", true, "raw", 60.0, null),
                Row.measured("4", "complete a sale p99 (fsynced)", 5.3, "ms", "<= 2 ms", false, "raw", 0.5, null),
                Row.info("0", "bulk import", 19.5, "s", null));

        String md = Report.markdown(MACHINE, Scale.named("smoke"), 0, 1, rows);

        assertThat(md).contains("## What limits the missed targets")
                .contains("- **4:** " + Limits.BY_TARGET.get("4"))
                .doesNotContain("- **1:**");
    }

    @Test
    void aRunThatMeetsEveryGoalHasNoLimitSection() {
        List<Row> rows = List.of(
                Row.measured("1", "barcode lookup p99", 3.9, "µs", "<= 100 µs", true, "raw", 60.0, null),
                Row.info("0", "bulk import", 19.5, "s", null));

        assertThat(Report.markdown(MACHINE, Scale.named("smoke"), 0, 1, rows))
                .doesNotContain("What limits");
    }

    @Test
    void everyTargetOfTheIssueHasALimitParagraph() {
        assertThat(Limits.BY_TARGET).containsOnlyKeys("1", "2", "3", "4", "5", "6", "7", "8")
                .allSatisfy((target, text) -> assertThat(text).isNotBlank());
    }
}
