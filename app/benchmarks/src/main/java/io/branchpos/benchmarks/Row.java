package io.branchpos.benchmarks;

/**
 * One line of the results: a measured value, the target's goal, and the raw limit of this machine
 * measured in the same run (ratio = value / limit, so 1.0 means "as fast as raw H2/PostgreSQL";
 * for throughputs ratio = value / limit too, so below 1.0 means slower than the limit).
 */
record Row(String target, String metric, Double value, String unit, String goal, Boolean met, String limitName,
        Double limit, Double ratio, String note) {

    static Row info(String target, String metric, double value, String unit, String note) {
        return new Row(target, metric, round(value), unit, null, null, null, null, null, note);
    }

    static Row measured(String target, String metric, double value, String unit, String goal, boolean met,
            String limitName, Double limit, String note) {
        Double ratio = limit == null || limit == 0 ? null : round(value / limit);
        return new Row(target, metric, round(value), unit, goal, met, limitName, limit == null ? null : round(limit),
                ratio, note);
    }

    /** A value compared with a limit, for which the issue sets no goal. */
    static Row compared(String target, String metric, double value, String unit, String limitName, double limit,
            String note) {
        return new Row(target, metric, round(value), unit, null, null, limitName, round(limit),
                limit == 0 ? null : round(value / limit), note);
    }

    static Row notMeasurable(String target, String metric, String note) {
        return new Row(target, metric, null, null, null, null, null, null, null, note);
    }

    static Double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double scale = Math.abs(v) >= 100 ? 10 : Math.abs(v) >= 1 ? 1000 : 100_000;
        return Math.round(v * scale) / scale;
    }
}
