package io.branchpos.hardware.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/** A serial (RS-232 or USB-CDC) printer via jSerialComm. Two-way. */
public final class SerialTransport implements PrinterTransport {

    private final SerialLink link;

    public SerialTransport(SerialSettings settings) {
        this.link = new SerialLink(settings);
    }

    @Override
    public String describe() {
        return link.describe();
    }

    @Override
    public boolean isAvailable() {
        return link.isAvailable();
    }

    @Override
    public boolean isTwoWay() {
        return true;
    }

    @Override
    public void write(byte[] data) throws IOException {
        link.write(data);
    }

    @Override
    public byte[] request(byte[] request, int answerLength, Duration timeout) throws IOException {
        link.drainInput();
        link.write(request);
        return link.readExactly(answerLength, timeout);
    }

    @Override
    public byte[] read(int length, Duration timeout) throws IOException {
        return link.readExactly(length, timeout);
    }

    @Override
    public void close() {
        link.close();
    }

    /** Exposed for tests: the underlying port, if open. */
    SerialPort port() {
        return link.port();
    }
}
