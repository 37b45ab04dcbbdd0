package io.branchpos.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.json (machine-readable) and results.md (the table for docs and README). */
final class Report {
    private Report() {
    }

    static void write(Path out, Map<String, Object> machine, Scale scale, long startedMillis, double seconds,
            List<Row> rows) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", scale);
        json.put("startedAt", java.time.Instant.ofEpochMilli(startedMillis).toString());
        json.put("durationSeconds", Math.round(seconds));
        json.put("machine", machine);
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(),
                json);
        Files.writeString(out.resolve("results.md"), markdown(machine, scale, startedMillis, seconds, rows));
    }

    static String markdown(Map<String, Object> machine, Scale scale, long startedMillis, double seconds,
            List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(java.time.Instant.ofEpochMilli(startedMillis)).append(" at scale `")
                .append(scale.name()).append("` in ").append(Math.round(seconds)).append(" s on ")
                .append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memoryMiB")).append(" MiB, ").append(machine.get("java"))
                .append(" (load average at start ").append(machine.get("loadAverageAtStart")).append(", at end ")
                .append(machine.get("loadAverageAtEnd")).append(").\n\n");
        b.append("| # | metric | result | goal | met | limit measured in the same run | ratio | notes |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.target()).append(" | ").append(r.metric()).append(" | ")
                    .append(r.value() == null ? "—" : fmt(r.value()) + " " + r.unit()).append(" | ")
                    .append(r.goal() == null ? "" : r.goal()).append(" | ")
                    .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" | ")
                    .append(r.limit() == null ? "" : r.limitName() + ": " + fmt(r.limit()) + " " + r.unit())
                    .append(" | ").append(r.ratio() == null ? "" : fmt(r.ratio()) + "×").append(" | ")
                    .append(r.note() == null ? "" : r.note().replace("|", "\\|")).append(" |\n");
        }
        b.append(Limits.section(rows));
        return b.toString();
    }

    private static String fmt(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
