package io.branchpos.hardware.scan;

import io.branchpos.hardware.transport.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner on a serial or USB-CDC port. Each code arrives as {@code prefix + [AIM id] + data + suffix}; the
 * prefix and suffix are configured to match the scanner (commonly no prefix and CR). AIM identifiers are passed
 * on to the {@link ScanParser}, which uses them. Reads on a daemon thread; reconnects after errors.
 */
public final class SerialScanner implements ScanSource {

    private static final Logger LOG = LoggerFactory.getLogger(SerialScanner.class);

    private final SerialLink link;
    private final String prefix;
    private final String suffix;
    private final ScanParser parser;
    private volatile boolean running;
    private Thread reader;

    public SerialScanner(SerialLink link, String prefix, String suffix, ScanParser parser) {
        if (suffix.isEmpty()) {
            throw new IllegalArgumentException("a serial scanner needs a suffix (e.g. CR) to know where a code ends");
        }
        this.link = link;
        this.prefix = prefix;
        this.suffix = suffix;
        this.parser = parser;
    }

    @Override
    public boolean isAvailable() {
        return link.isAvailable();
    }

    @Override
    public synchronized void start(Consumer<ScannedCode> listener) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        reader = new Thread(() -> readLoop(listener), "serial-scanner " + link.describe());
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(Consumer<ScannedCode> listener) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (running) {
            try {
                int n = link.readSome(buf, Duration.ofMillis(100));
                if (n <= 0) {
                    continue;
                }
                pending.write(buf, 0, n);
                String text = pending.toString(StandardCharsets.ISO_8859_1);
                int end;
                while ((end = text.indexOf(suffix)) >= 0) {
                    deliver(text.substring(0, end), listener);
                    text = text.substring(end + suffix.length());
                }
                pending.reset();
                pending.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.info("scanner on {} failed, retrying: {}", link.describe(), e.toString());
                    pending.reset();
                    pause();
                }
            }
        }
    }

    private void deliver(String framed, Consumer<ScannedCode> listener) {
        String raw = !prefix.isEmpty() && framed.startsWith(prefix) ? framed.substring(prefix.length()) : framed;
        if (raw.isEmpty()) {
            return;
        }
        try {
            listener.accept(parser.parse(raw));
        } catch (RuntimeException e) {
            LOG.warn("scan listener failed for '{}'", raw, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader = null;
        }
        link.close();
    }
}
