package io.branchpos.hardware.printer;

import io.branchpos.hardware.escpos.EscPos;
import io.branchpos.hardware.transport.PrinterTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receipt printer speaking ESC/POS over a {@link PrinterTransport}: status via DLE EOT, jobs sent with an
 * Epson "process ID" request ({@code GS ( H}) at the end so that the printer confirms it has printed them.
 * Blocking; call from a worker thread.
 */
public final class EscPosPrinter implements ReceiptPrinter {

    private static final Logger LOG = LoggerFactory.getLogger(EscPosPrinter.class);

    private final PrinterTransport transport;
    private final Duration statusTimeout;
    private final Duration printTimeout;
    private final boolean drawerOpenWhenPinHigh;
    private final boolean confirmJobs;

    public EscPosPrinter(PrinterTransport transport, Duration statusTimeout, Duration printTimeout,
                         boolean drawerOpenWhenPinHigh) {
        this(transport, statusTimeout, printTimeout, drawerOpenWhenPinHigh, true);
    }

    /**
     * @param confirmJobs false for printers that do not answer {@code GS ( H}: jobs then count as printed when
     *                    written (see docs/decisions/0101)
     */
    public EscPosPrinter(PrinterTransport transport, Duration statusTimeout, Duration printTimeout,
                         boolean drawerOpenWhenPinHigh, boolean confirmJobs) {
        this.transport = transport;
        this.statusTimeout = statusTimeout;
        this.printTimeout = printTimeout;
        this.drawerOpenWhenPinHigh = drawerOpenWhenPinHigh;
        this.confirmJobs = confirmJobs;
    }

    /** Status answers within 1 s, printing confirmed within 20 s, drawer open when pin 3 is low. */
    public static EscPosPrinter over(PrinterTransport transport) {
        return new EscPosPrinter(transport, Duration.ofSeconds(1), Duration.ofSeconds(20), false);
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    @Override
    public boolean isAvailable() {
        try {
            return transport.isAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public PrinterStatus status() {
        if (!isAvailable()) {
            return PrinterStatus.unreachable(transport.describe());
        }
        if (!transport.isTwoWay()) {
            return PrinterStatus.unknown(transport.describe() + " is one-way");
        }
        try {
            byte[] answers = new byte[4];
            for (int n = 1; n <= 4; n++) {
                byte b = transport.request(EscPos.statusRequest(n), 1, statusTimeout)[0];
                if (!StatusDecoder.looksLikeStatus(b)) {
                    return PrinterStatus.unknown(String.format("unexpected status byte 0x%02X from %s", b, describe()));
                }
                answers[n - 1] = b;
            }
            return StatusDecoder.decode(answers[0], answers[1], answers[2], answers[3], drawerOpenWhenPinHigh);
        } catch (IOException | RuntimeException e) {
            LOG.info("status of {} unavailable: {}", describe(), e.toString());
            return PrinterStatus.unreachable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public Delivery send(byte[] job, int processId) throws IOException {
        if (!transport.isTwoWay() || !confirmJobs) {
            transport.write(job);
            return Delivery.WRITTEN_UNCONFIRMED;
        }
        byte[] id = processIdDigits(processId);
        byte[] request = {EscPos.GS, '(', 'H', 6, 0, 48, 48, id[0], id[1], id[2], id[3]};
        byte[] all = Arrays.copyOf(job, job.length + request.length);
        System.arraycopy(request, 0, all, job.length, request.length);
        transport.write(all);
        byte[] answer = transport.read(7, printTimeout);
        byte[] expected = {0x37, 0x22, id[0], id[1], id[2], id[3], 0};
        if (!Arrays.equals(answer, expected)) {
            throw new IOException("printer answered " + new String(answer, StandardCharsets.ISO_8859_1)
                    + " instead of confirming job " + processId);
        }
        return Delivery.CONFIRMED;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        transport.write(bytes);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Four ASCII digits 0000–9999 (the printer echoes them back). */
    static byte[] processIdDigits(int processId) {
        return String.format("%04d", Math.floorMod(processId, 10000)).getBytes(StandardCharsets.US_ASCII);
    }
}
