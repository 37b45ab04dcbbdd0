package io.branchpos.hardware.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port opened lazily via jSerialComm, shared by the serial printer, display, scale and scanner.
 * Reopens after a failure. Thread-safe.
 */
public final class SerialLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialLink.class);

    private final SerialSettings settings;
    private SerialPort port;

    public SerialLink(SerialSettings settings) {
        this.settings = settings;
    }

    public String describe() {
        return "serial:" + settings.portName() + "@" + settings.baudRate();
    }

    /** Whether the port can be opened. Never throws. */
    public synchronized boolean isAvailable() {
        try {
            open();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} not available: {}", describe(), e.toString());
            return false;
        }
    }

    public synchronized void write(byte[] data) throws IOException {
        SerialPort p = open();
        int written = p.writeBytes(data, data.length);
        if (written != data.length) {
            close();
            throw new IOException(describe() + ": wrote " + written + " of " + data.length + " bytes");
        }
    }

    /** Discards whatever the device sent that nobody asked for. */
    public synchronized void drainInput() throws IOException {
        SerialPort p = open();
        int n;
        while ((n = p.bytesAvailable()) > 0) {
            p.readBytes(new byte[n], n);
        }
    }

    /** Reads exactly {@code n} bytes or throws {@link SocketTimeoutException} after {@code timeout}. */
    public synchronized byte[] readExactly(int n, Duration timeout) throws IOException {
        SerialPort p = open();
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, timeout.toMillis()), 0);
        byte[] buf = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got < n) {
            int r = p.readBytes(buf, n - got, got);
            if (r < 0) {
                close();
                throw new IOException(describe() + " read failed");
            }
            got += r;
            if (got < n && System.nanoTime() > deadline) {
                throw new SocketTimeoutException(describe() + ": no answer within " + timeout.toMillis() + " ms");
            }
        }
        return buf;
    }

    /** Reads what is there, waiting up to {@code timeout} for the first byte; 0 when nothing came. */
    public synchronized int readSome(byte[] buf, Duration timeout) throws IOException {
        SerialPort p = open();
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, timeout.toMillis()), 0);
        int r = p.readBytes(buf, buf.length);
        if (r < 0) {
            close();
            throw new IOException(describe() + " read failed");
        }
        return r;
    }

    /**
     * Reads until {@code terminator} (included) or {@code maxLength} bytes; throws {@link SocketTimeoutException}
     * if nothing complete arrives within {@code timeout}.
     */
    public synchronized byte[] readUntil(byte terminator, int maxLength, Duration timeout) throws IOException {
        SerialPort p = open();
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < maxLength) {
            int r = p.readBytes(one, 1);
            if (r < 0) {
                close();
                throw new IOException(describe() + " read failed");
            }
            if (r == 1) {
                out.write(one[0]);
                if (one[0] == terminator) {
                    return out.toByteArray();
                }
            } else if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException(describe() + ": incomplete answer within " + timeout.toMillis() + " ms");
            }
        }
        return out.toByteArray();
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            try {
                port.closePort();
            } catch (RuntimeException e) {
                LOG.debug("closing {}: {}", describe(), e.toString());
            }
            port = null;
        }
    }

    synchronized SerialPort port() {
        return port;
    }

    private SerialPort open() throws IOException {
        if (port != null && port.isOpen()) {
            return port;
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(settings.portName());
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + settings.portName(), e);
        }
        p.setComPortParameters(settings.baudRate(), settings.dataBits(), switch (settings.stopBits()) {
            case 2 -> SerialPort.TWO_STOP_BITS;
            default -> SerialPort.ONE_STOP_BIT;
        }, switch (settings.parity()) {
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case NONE -> SerialPort.NO_PARITY;
        });
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + settings.portName());
        }
        port = p;
        return p;
    }
}
