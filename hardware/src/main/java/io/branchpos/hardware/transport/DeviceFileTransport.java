package io.branchpos.hardware.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A printer behind a device file ({@code /dev/usb/lp0}, {@code /dev/ttyUSB0} used raw, or any path — a plain
 * file works for tests). Write-only: the Linux usblp driver does not give us the printer's status reliably.
 */
public final class DeviceFileTransport implements PrinterTransport {

    private final Path path;

    public DeviceFileTransport(Path path) {
        this.path = path;
    }

    @Override
    public String describe() {
        return "file:" + path;
    }

    @Override
    public boolean isAvailable() {
        try {
            return Files.isWritable(path);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean isTwoWay() {
        return false;
    }

    @Override
    public void write(byte[] data) throws IOException {
        // append: for a device file the position is meaningless; for a plain file it keeps every job
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE)) {
            out.write(data);
            out.flush();
        }
    }

    @Override
    public byte[] request(byte[] request, int answerLength, Duration timeout) {
        throw new UnsupportedOperationException(describe() + " is write-only");
    }

    @Override
    public byte[] read(int length, Duration timeout) {
        throw new UnsupportedOperationException(describe() + " is write-only");
    }

    @Override
    public void close() {
        // nothing held open between writes
    }
}
