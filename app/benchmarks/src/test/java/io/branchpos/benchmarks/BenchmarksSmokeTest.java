package io.branchpos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process benchmarks run at a tiny size and each produces a sane row. No timing
 * assertions: speed is measured by the benchmark command, never by the test suite. (Targets 3,
 * 5, 6 and 8 need child JVMs or PostgreSQL: run `--scale smoke` by hand, see docs/benchmarks.md.)
 */
class BenchmarksSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void storeBenchmarksProduceARowPerTargetAndBothReports() throws Exception {
        List<Row> rows = BenchMain.run(tmp, Scale.named("smoke"), Set.of("1", "2", "4"));

        assertThat(rows).noneMatch(r -> r.note() != null && r.note().startsWith("FAILED"));
        for (String target : List.of("1", "2", "4")) {
            assertThat(rows).filteredOn(r -> r.target().equals(target) && r.goal() != null)
                    .as("target %s", target).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.value()).isNotNull().isPositive();
                        assertThat(r.limit()).isNotNull().isPositive();
                        assertThat(r.ratio()).isNotNull().isPositive();
                    });
        }
        assertThat(rows).anyMatch(r -> r.metric().equals("name search p99 (all kinds)"));
        assertThat(tmp.resolve("results.json")).exists();
        assertThat(Files.readString(tmp.resolve("results.md"))).contains("| 1 | barcode lookup p99 |");
    }

    @Test
    void percentilesAreNearestRank() {
        Samples s = new Samples();
        for (int i = 1; i <= 100; i++) {
            s.add(i);
        }
        assertThat(s.percentile(50)).isEqualTo(50);
        assertThat(s.percentile(99)).isEqualTo(99);
        assertThat(s.percentile(100)).isEqualTo(100);
        assertThat(s.max()).isEqualTo(100);
    }

    @Test
    void searchQueriesOfEveryKindAreDrawnFromTheCatalog() {
        var queries = SearchBench.queries(2_000, 50, 7);
        assertThat(queries).containsOnlyKeys("prefix", "as you type (1st char on)", "contains", "one typo",
                "matches nothing");
        assertThat(queries.values()).allSatisfy(q -> assertThat(q).hasSize(50).doesNotContain(""));
    }
}
