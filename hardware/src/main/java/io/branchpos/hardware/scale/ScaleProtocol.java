package io.branchpos.hardware.scale;

import io.branchpos.hardware.transport.SerialLink;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** One scale wire protocol: how to ask for weight, zero and tare over a serial link, and how to read the answers. */
public interface ScaleProtocol {

    String name();

    WeightReading readWeight(SerialLink link, Duration timeout) throws IOException;

    /** True when the scale accepted the zero command. */
    boolean zero(SerialLink link, Duration timeout) throws IOException;

    /** True when accepted; false when the scale refused; UnsupportedOperationException when the protocol has no tare. */
    boolean tare(SerialLink link, Duration timeout) throws IOException;

    /** Pounds to kilograms, exactly (1 lb = 0.45359237 kg), rounded to grams. */
    static BigDecimal poundsToKg(BigDecimal pounds) {
        return pounds.multiply(new BigDecimal("0.45359237")).setScale(3, RoundingMode.HALF_UP);
    }
}
