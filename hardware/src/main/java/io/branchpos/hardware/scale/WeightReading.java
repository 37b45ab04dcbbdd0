package io.branchpos.hardware.scale;

import java.math.BigDecimal;

/**
 * One reading from a scale. Only a {@link Status#STABLE} reading may be sold.
 *
 * @param status    what the scale said
 * @param kilograms the weight (net, in kg, exact as transmitted); zero when the scale sent none
 * @param detail    technical detail for the Devices screen
 */
public record WeightReading(Status status, BigDecimal kilograms, String detail) {

    /** Scale state of a reading. */
    public enum Status { STABLE, MOTION, OVER_CAPACITY, UNDER_ZERO, ERROR, UNREACHABLE }

    public static WeightReading of(Status status, String detail) {
        return new WeightReading(status, BigDecimal.ZERO, detail);
    }

    public boolean isSellable() {
        return status == Status.STABLE && kilograms.signum() > 0;
    }

    /** What the cashier reads. */
    public String message() {
        return switch (status) {
            case STABLE -> kilograms.toPlainString() + " kg";
            case MOTION -> "Scale still settling — wait a moment";
            case OVER_CAPACITY -> "Too heavy for the scale — weigh in parts";
            case UNDER_ZERO -> "Scale below zero — empty it and press Zero";
            case ERROR -> "Scale error (" + detail + ") — restart the scale";
            case UNREACHABLE -> "Scale not reachable — check its cable";
        };
    }
}
