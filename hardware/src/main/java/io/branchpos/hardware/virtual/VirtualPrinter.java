package io.branchpos.hardware.virtual;

import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.render.EscPosRenderer;
import io.branchpos.hardware.render.RenderedReceipt;
import io.branchpos.hardware.transport.SerialLink;
import io.branchpos.hardware.transport.SerialSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network receipt printer that lives in the process: listens on loopback TCP like a port-9100 printer,
 * renders every job to an image (kept in memory, optionally written as PNG to a folder), answers DLE EOT
 * status requests and Epson process-ID requests ({@code GS ( H}), and can play paper out, cover open,
 * offline and a connection that drops mid-job. Demo mode, receipt preview and the tests print to it.
 *
 * <p>Jobs end at a process-ID request (then the printer confirms) or when the client closes the connection.
 * Real-time requests are recognised only between jobs (when no job data is pending), which is when our
 * printer driver sends them. Thread-safe.
 */
public final class VirtualPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualPrinter.class);

    /** One job as it came out of the virtual printer. */
    public record PrintedJob(int number, byte[] bytes, RenderedReceipt rendered, boolean complete) {
    }

    private final PrinterProfile profile;
    private final Path outputDir;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final List<PrintedJob> printed = new CopyOnWriteArrayList<>();
    private final List<Consumer<PrintedJob>> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<SerialLink> serialLinks = new CopyOnWriteArrayList<>();

    private volatile boolean paperOut;
    private volatile boolean paperLow;
    private volatile boolean coverOpen;
    private volatile boolean offline;
    private volatile boolean drawerOpen;
    private volatile long dropAfterBytes = -1;
    private volatile int discardedJobs;

    private VirtualPrinter(PrinterProfile profile, Path outputDir, ServerSocket server) {
        this.profile = profile;
        this.outputDir = outputDir;
        this.server = server;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "virtual-printer-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        threads.submit(this::acceptLoop);
    }

    /** Starts on a free loopback port, keeping images in memory only. */
    public static VirtualPrinter start(PrinterProfile profile) throws IOException {
        return start(profile, 0, null);
    }

    /**
     * @param port      0 for any free port
     * @param outputDir where to write {@code job-0001.png} etc., or null for memory only
     */
    public static VirtualPrinter start(PrinterProfile profile, int port, Path outputDir) throws IOException {
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        LOG.info("virtual printer ({}) listening on 127.0.0.1:{}", profile.name(), server.getLocalPort());
        return new VirtualPrinter(profile, outputDir, server);
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    public PrinterProfile profile() {
        return profile;
    }

    /** Everything printed so far, including torn fragments of dropped connections ({@code complete == false}). */
    public List<PrintedJob> printed() {
        return List.copyOf(printed);
    }

    /** Only the jobs that came out whole. */
    public List<PrintedJob> completeJobs() {
        return printed.stream().filter(PrintedJob::complete).toList();
    }

    /** Jobs received while not ready (paper out, cover open, offline): dropped, as their bytes had nowhere to go. */
    public int discardedJobs() {
        return discardedJobs;
    }

    /** Called on the printer's connection thread for each job; hand over to the FX thread before touching UI. */
    public void onPrinted(Consumer<PrintedJob> listener) {
        listeners.add(listener);
    }

    public void setPaperOut(boolean value) {
        paperOut = value;
    }

    public void setPaperLow(boolean value) {
        paperLow = value;
    }

    public void setCoverOpen(boolean value) {
        coverOpen = value;
    }

    public void setOffline(boolean value) {
        offline = value;
    }

    public void setDrawerOpen(boolean value) {
        drawerOpen = value;
    }

    public boolean isDrawerOpen() {
        return drawerOpen;
    }

    /** The next connection is cut after {@code bytes} bytes of job data (once); what arrived is printed torn. */
    public void dropNextConnectionAfter(long bytes) {
        dropAfterBytes = bytes;
    }

    private boolean ready() {
        return !paperOut && !coverOpen && !offline;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        for (SerialLink l : serialLinks) {
            l.close();
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                threads.submit(() -> serve(s));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("virtual printer accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        Session session = new Session();
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (!session.feed(buf, n, out::write)) {
                    return;
                }
            }
            // a client that does not ask for confirmation ends its job by closing the connection
            session.endOfJob();
        } catch (SocketException e) {
            LOG.debug("virtual printer connection ended: {}", e.toString());
            session.torn();
        } catch (IOException | RuntimeException e) {
            LOG.warn("virtual printer connection failed", e);
        } finally {
            connections.remove(socket);
        }
    }

    /**
     * Also serves a serial port (e.g. one side of a socat pty pair), as a serial printer would. Over serial a
     * job ends at a process-ID request or after 300 ms without data.
     */
    public void attachSerial(SerialSettings settings) {
        SerialLink link = new SerialLink(settings);
        serialLinks.add(link);
        threads.submit(() -> {
            Session session = new Session();
            byte[] buf = new byte[4096];
            while (!server.isClosed()) {
                try {
                    int n = link.readSome(buf, Duration.ofMillis(300));
                    if (n > 0) {
                        session.feed(buf, n, link::write);
                    } else {
                        session.endOfJob();
                    }
                } catch (IOException | RuntimeException e) {
                    if (!server.isClosed()) {
                        LOG.warn("virtual printer serial link {} failed: {}", link.describe(), e.toString());
                    }
                    return;
                }
            }
        });
    }

    /** Where answers go (socket or serial port). */
    private interface Answer {
        void send(byte[] bytes) throws IOException;
    }

    /** One connection's job assembly: real-time requests, process-ID confirmations, simulated drops. */
    private final class Session {
        private final JobBuffer job = new JobBuffer();
        private final long limit;
        private long received;

        Session() {
            limit = dropAfterBytes;
            dropAfterBytes = -1;
        }

        /** Returns false when the (simulated) connection drop happened: stop reading. */
        boolean feed(byte[] buf, int n, Answer out) throws IOException {
            int i = 0;
            while (i < n) {
                if (job.size() == 0 && n - i >= 3 && buf[i] == 0x10 && buf[i + 1] == 0x04) {
                    out.send(statusByte(buf[i + 2]));
                    i += 3;
                    continue;
                }
                if (limit >= 0 && received >= limit) {
                    LOG.info("virtual printer: dropping the connection after {} bytes (simulated)", received);
                    torn();
                    return false;
                }
                job.write(buf[i]);
                received++;
                i++;
                byte[] ack = processIdRequestAtEnd(job);
                if (ack != null) {
                    byte[] bytes = Arrays.copyOf(job.toByteArray(), job.size() - 11);
                    job.reset();
                    if (ready()) {
                        finish(bytes, true);
                        out.send(ack);
                    } else {
                        discardedJobs++;
                    }
                }
            }
            return true;
        }

        void endOfJob() {
            if (job.size() > 0) {
                if (ready()) {
                    finish(job.toByteArray(), true);
                } else {
                    discardedJobs++;
                }
                job.reset();
            }
        }

        void torn() {
            if (job.size() > 0) {
                finish(job.toByteArray(), false);
                job.reset();
            }
        }
    }

    /** If the job buffer ends with GS ( H 6 0 48 48 d1..d4, the answer to send once the job has printed. */
    private static byte[] processIdRequestAtEnd(JobBuffer job) {
        if (job.size() < 11) {
            return null;
        }
        byte[] b = job.buffer();
        int s = job.size() - 11;
        if (b[s] == 0x1D && b[s + 1] == '(' && b[s + 2] == 'H' && b[s + 3] == 6 && b[s + 4] == 0 && b[s + 5] == 48
                && b[s + 6] == 48) {
            return new byte[] {0x37, 0x22, b[s + 7], b[s + 8], b[s + 9], b[s + 10], 0};
        }
        return null;
    }

    private synchronized void finish(byte[] bytes, boolean complete) {
        RenderedReceipt rendered = new EscPosRenderer(profile).render(bytes);
        if (rendered.drawerPulses() > 0) {
            drawerOpen = true;
        }
        boolean printedSomething = rendered.textLines().stream().anyMatch(l -> !l.isBlank()) || rendered.cuts() > 0
                || rendered.image().getHeight() > 40;
        if (!printedSomething) {
            return;
        }
        PrintedJob p = new PrintedJob(printed.size() + 1, bytes, rendered, complete);
        printed.add(p);
        if (outputDir != null) {
            try {
                Files.write(outputDir.resolve(String.format("job-%04d%s.png", p.number(), complete ? "" : "-torn")),
                        rendered.toPng());
            } catch (IOException e) {
                LOG.warn("virtual printer could not write job {} to {}: {}", p.number(), outputDir, e.toString());
            }
        }
        for (Consumer<PrintedJob> l : listeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                LOG.warn("virtual printer listener failed", e);
            }
        }
    }

    private byte[] statusByte(byte n) {
        int v = 0x12;
        switch (n) {
            case 1 -> {
                if (!drawerOpen) {
                    v |= 0x04; // pin 3 high = drawer closed (the usual wiring)
                }
                if (!ready()) {
                    v |= 0x08;
                }
            }
            case 2 -> {
                if (coverOpen) {
                    v |= 0x04;
                }
                if (paperOut) {
                    v |= 0x20;
                }
                if (offline) {
                    v |= 0x40;
                }
            }
            case 4 -> {
                if (paperLow || paperOut) {
                    v |= 0x0C;
                }
                if (paperOut) {
                    v |= 0x60;
                }
            }
            default -> {
                // n = 3: no error causes simulated
            }
        }
        return new byte[] {(byte) v};
    }

    /** A byte buffer whose tail can be inspected without copying it on every byte. */
    private static final class JobBuffer extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    /** Test helper: all text lines of all complete jobs. */
    public List<String> completeText() {
        List<String> lines = new ArrayList<>();
        for (PrintedJob j : completeJobs()) {
            lines.addAll(j.rendered().textLines());
        }
        return lines;
    }
}
