package io.branchpos.hardware.scale;

import io.branchpos.hardware.scale.WeightReading.Status;
import io.branchpos.hardware.transport.SerialLink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Toledo 8217-style protocol of scanner-scales (Datalogic Magellan, NCR, Mettler Toledo 8217 mode), 9600 7E1.
 * Host sends {@code W}; the scale answers {@code STX ww.www CR} with a stable weight (kg), or
 * {@code STX ? s1 [s2] CR} with status: s1 bit 0 motion, bit 1 at zero, bits 2–3 RAM/EEPROM error, bit 6 under
 * zero; s2 bit 0 under capacity, bit 1 over capacity. {@code Z} zeroes (answered by a status frame).
 * There is no tare command: tare is done on the scale.
 */
public final class Toledo8217Protocol implements ScaleProtocol {

    private static final byte STX = 0x02;
    private static final byte CR = 0x0D;

    @Override
    public String name() {
        return "Toledo 8217";
    }

    @Override
    public WeightReading readWeight(SerialLink link, Duration timeout) throws IOException {
        link.drainInput();
        link.write(new byte[] {'W'});
        return parse(link.readUntil(CR, 16, timeout));
    }

    @Override
    public boolean zero(SerialLink link, Duration timeout) throws IOException {
        link.drainInput();
        link.write(new byte[] {'Z'});
        WeightReading r = parse(link.readUntil(CR, 16, timeout));
        return r.status() == Status.STABLE && r.kilograms().signum() == 0;
    }

    @Override
    public boolean tare(SerialLink link, Duration timeout) {
        throw new UnsupportedOperationException("Toledo 8217 has no tare command");
    }

    /** Parses one answer frame (STX … CR). */
    public static WeightReading parse(byte[] frame) {
        if (frame.length < 3 || frame[0] != STX || frame[frame.length - 1] != CR) {
            return WeightReading.of(Status.ERROR, "unexpected answer " + hex(frame));
        }
        if (frame[1] != '?') {
            String text = new String(frame, 1, frame.length - 2, StandardCharsets.US_ASCII).trim();
            if (!text.matches("-?\\d+(\\.\\d+)?")) {
                return WeightReading.of(Status.ERROR, "unreadable weight '" + text + "'");
            }
            BigDecimal kg = new BigDecimal(text);
            return new WeightReading(kg.signum() < 0 ? Status.UNDER_ZERO : Status.STABLE, kg, "");
        }
        int s1 = frame.length > 3 ? frame[2] & 0xff : 0;
        int s2 = frame.length > 4 ? frame[3] & 0xff : 0;
        if ((s1 & 0x0C) != 0) {
            return WeightReading.of(Status.ERROR, (s1 & 0x04) != 0 ? "RAM error" : "EEPROM error");
        }
        if ((s2 & 0x02) != 0) {
            return WeightReading.of(Status.OVER_CAPACITY, "over capacity");
        }
        if ((s1 & 0x40) != 0 || (s2 & 0x01) != 0) {
            return WeightReading.of(Status.UNDER_ZERO, "under zero");
        }
        if ((s1 & 0x01) != 0) {
            return WeightReading.of(Status.MOTION, "in motion");
        }
        if ((s1 & 0x02) != 0) {
            return new WeightReading(Status.STABLE, new BigDecimal("0.000"), "at zero");
        }
        return WeightReading.of(Status.ERROR, "status without a known flag " + hex(frame));
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X ", x));
        }
        return sb.toString().trim();
    }
}
