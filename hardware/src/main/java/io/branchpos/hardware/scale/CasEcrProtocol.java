package io.branchpos.hardware.scale;

import io.branchpos.hardware.scale.WeightReading.Status;
import io.branchpos.hardware.transport.SerialLink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CAS "ECR" protocol (CAS PD-II, AP, ER series in ECR mode), 9600 8N1. Host sends ENQ, the scale answers ACK;
 * host sends DC1, the scale answers {@code SOH STX s sign wwwwww uu BCC ETX EOT}: s is {@code S} stable,
 * {@code U} unstable, {@code F} overload; sign is space or {@code -}; six weight characters with a decimal
 * point; unit {@code kg} or {@code lb}; BCC is the XOR of s through the unit. Zero is {@code Z}, tare {@code T},
 * each answered by ACK (or NAK when refused, e.g. while unstable).
 */
public final class CasEcrProtocol implements ScaleProtocol {

    static final byte SOH = 0x01;
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte EOT = 0x04;
    static final byte ENQ = 0x05;
    static final byte ACK = 0x06;
    static final byte DC1 = 0x11;

    @Override
    public String name() {
        return "CAS ECR";
    }

    @Override
    public WeightReading readWeight(SerialLink link, Duration timeout) throws IOException {
        link.drainInput();
        link.write(new byte[] {ENQ});
        byte[] ack = link.readExactly(1, timeout);
        if (ack[0] != ACK) {
            return WeightReading.of(Status.ERROR, String.format("scale answered 0x%02X to ENQ", ack[0]));
        }
        link.write(new byte[] {DC1});
        return parse(link.readUntil(EOT, 32, timeout));
    }

    @Override
    public boolean zero(SerialLink link, Duration timeout) throws IOException {
        return command(link, 'Z', timeout);
    }

    @Override
    public boolean tare(SerialLink link, Duration timeout) throws IOException {
        return command(link, 'T', timeout);
    }

    private static boolean command(SerialLink link, char c, Duration timeout) throws IOException {
        link.drainInput();
        link.write(new byte[] {(byte) c});
        return link.readExactly(1, timeout)[0] == ACK;
    }

    /** Parses one weight frame (SOH … EOT). */
    public static WeightReading parse(byte[] f) {
        if (f.length != 15 || f[0] != SOH || f[1] != STX || f[13] != ETX || f[14] != EOT) {
            return WeightReading.of(Status.ERROR, "unexpected frame " + Toledo8217Protocol.hex(f));
        }
        byte bcc = 0;
        for (int i = 2; i <= 11; i++) {
            bcc ^= f[i];
        }
        if (bcc != f[12]) {
            return WeightReading.of(Status.ERROR, "checksum wrong in " + Toledo8217Protocol.hex(f));
        }
        char state = (char) f[2];
        boolean negative = f[3] == '-';
        String number = new String(f, 4, 6, StandardCharsets.US_ASCII).trim();
        String unit = new String(f, 10, 2, StandardCharsets.US_ASCII).trim().toLowerCase();
        if (state == 'F') {
            return WeightReading.of(Status.OVER_CAPACITY, "overload");
        }
        if (!number.matches("\\d+(\\.\\d+)?")) {
            return WeightReading.of(Status.ERROR, "unreadable weight '" + number + "'");
        }
        BigDecimal w = new BigDecimal(number);
        if (negative) {
            w = w.negate();
        }
        BigDecimal kg = switch (unit) {
            case "kg" -> w;
            case "lb" -> ScaleProtocol.poundsToKg(w);
            default -> null;
        };
        if (kg == null) {
            return WeightReading.of(Status.ERROR, "unknown unit '" + unit + "'");
        }
        if (state == 'U') {
            return new WeightReading(Status.MOTION, kg, "unstable");
        }
        if (state != 'S') {
            return WeightReading.of(Status.ERROR, "unknown state '" + state + "'");
        }
        return new WeightReading(kg.signum() < 0 ? Status.UNDER_ZERO : Status.STABLE, kg, "");
    }

    /** Builds a frame as a CAS scale sends it (for simulators and tests). */
    public static byte[] frame(char state, String signedWeight6, String unit) {
        boolean negative = signedWeight6.startsWith("-");
        String w = negative ? signedWeight6.substring(1) : signedWeight6;
        w = " ".repeat(Math.max(0, 6 - w.length())) + w;
        byte[] f = new byte[15];
        f[0] = SOH;
        f[1] = STX;
        f[2] = (byte) state;
        f[3] = (byte) (negative ? '-' : ' ');
        System.arraycopy(w.getBytes(StandardCharsets.US_ASCII), 0, f, 4, 6);
        System.arraycopy(unit.getBytes(StandardCharsets.US_ASCII), 0, f, 10, 2);
        byte bcc = 0;
        for (int i = 2; i <= 11; i++) {
            bcc ^= f[i];
        }
        f[12] = bcc;
        f[13] = ETX;
        f[14] = EOT;
        return f;
    }
}
