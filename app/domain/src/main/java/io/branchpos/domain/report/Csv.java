package io.branchpos.domain.report;

import java.util.List;

/** RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they contain , " or a line break. */
public final class Csv {
    private Csv() {
    }

    public static String of(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        sb.append("\r\n");
    }

    static String field(String v) {
        if (v == null) {
            return "";
        }
        // a leading = + - @ would make a spreadsheet run it as a formula; quote it as text
        boolean formula = !v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0;
        if (formula || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + (formula ? "'" : "") + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
