package io.branchpos.hardware.display;

import io.branchpos.hardware.DeviceOutcome;
import io.branchpos.hardware.transport.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A 2×20 pole display on a serial port, driven with the common Epson/ESC-POS display commands: ESC @ once, then
 * CLR (0x0C) to clear, HOME (0x0B) to line 1, {@code US $ 1 2} to line 2. Text is transliterated to ASCII and
 * padded or cut to the width, so each update rewrites both lines completely.
 */
public final class SerialPoleDisplay implements CustomerDisplay {

    private static final byte CLR = 0x0C;
    private static final byte HOME = 0x0B;

    private final SerialLink link;
    private final int width;
    private boolean initialised;

    public SerialPoleDisplay(SerialLink link, int width) {
        this.link = link;
        this.width = width;
    }

    @Override
    public boolean isAvailable() {
        return link.isAvailable();
    }

    @Override
    public synchronized DeviceOutcome show(String line1, String line2) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        init(out);
        out.write(HOME);
        out.writeBytes(fit(line1));
        out.writeBytes(new byte[] {0x1F, '$', 1, 2});
        out.writeBytes(fit(line2));
        return send(out.toByteArray());
    }

    @Override
    public synchronized DeviceOutcome clear() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        init(out);
        out.write(CLR);
        return send(out.toByteArray());
    }

    /** The bytes for one line: ASCII, exactly {@code width} characters. */
    byte[] fit(String line) {
        String ascii = Transliteration.toAscii(line == null ? "" : line);
        if (ascii.length() > width) {
            ascii = ascii.substring(0, width);
        }
        return (ascii + " ".repeat(width - ascii.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private void init(ByteArrayOutputStream out) {
        if (!initialised) {
            out.writeBytes(new byte[] {0x1B, '@'});
        }
    }

    private DeviceOutcome send(byte[] bytes) {
        try {
            link.write(bytes);
            initialised = true;
            return DeviceOutcome.done();
        } catch (IOException | RuntimeException e) {
            initialised = false;
            return DeviceOutcome.failed("Customer display not responding (" + link.describe() + ") — check its cable");
        }
    }
}
