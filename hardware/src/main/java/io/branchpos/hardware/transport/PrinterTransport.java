package io.branchpos.hardware.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * A byte link to a printer (or any ESC/POS device): TCP 9100, serial, device file or OS spooler. Opens lazily,
 * reconnects on the next call after a failure. Methods other than {@link #isAvailable()} and {@link #close()}
 * block and throw {@link IOException}; call them from a worker thread, never the FX thread.
 */
public interface PrinterTransport extends AutoCloseable {

    /** For logs and the Devices screen, e.g. {@code tcp://192.168.1.50:9100}. */
    String describe();

    /** Whether the device can be reached right now (cheap probe). Never throws. */
    boolean isAvailable();

    /** Whether the link can carry answers from the printer (status, print acknowledgements). */
    boolean isTwoWay();

    /** Sends all bytes; throws if the link fails part-way (how much went out is unknown). */
    void write(byte[] data) throws IOException;

    /**
     * Sends {@code request} and reads exactly {@code answerLength} bytes, waiting at most {@code timeout}.
     * Throws {@link java.net.SocketTimeoutException} / {@link IOException} when no full answer comes, and
     * {@link UnsupportedOperationException} on a write-only link.
     */
    byte[] request(byte[] request, int answerLength, Duration timeout) throws IOException;

    /**
     * Reads exactly {@code length} bytes the device sends, waiting at most {@code timeout}; throws like
     * {@link #request}.
     */
    byte[] read(int length, Duration timeout) throws IOException;

    /** Closes the link; the next call reopens it. Never throws. */
    @Override
    void close();
}
