package io.branchpos.hardware.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raw TCP ("port 9100", "JetDirect") to a network printer, with connect and read timeouts. Two-way. */
public final class TcpTransport implements PrinterTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    /** Closes sockets whose write is stuck: Java has no write timeout, and a jammed printer stops reading. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tcp-printer-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private Socket socket;

    public TcpTransport(String host, int port, Duration connectTimeout) {
        this(host, port, connectTimeout, Duration.ofSeconds(30));
    }

    /** @param writeTimeout how long one write may block (printer not reading) before the link is dropped */
    public TcpTransport(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
    }

    /** Port 9100 with a 3 s connect timeout. */
    public static TcpTransport of(String host) {
        return new TcpTransport(host, 9100, Duration.ofSeconds(3));
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public synchronized boolean isAvailable() {
        try {
            open();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} not available: {}", describe(), e.toString());
            close();
            return false;
        }
    }

    @Override
    public boolean isTwoWay() {
        return true;
    }

    @Override
    public synchronized void write(byte[] data) throws IOException {
        ScheduledFuture<?> watchdog = null;
        AtomicBoolean fired = new AtomicBoolean();
        try {
            Socket s = open();
            watchdog = WATCHDOG.schedule(() -> {
                fired.set(true); // before closing: the writer wakes up as soon as the socket closes
                closeQuietly(s);
            }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            s.getOutputStream().write(data);
            s.getOutputStream().flush();
        } catch (IOException e) {
            close();
            if (fired.get()) {
                throw new IOException(describe() + " stopped taking data for " + writeTimeout.toSeconds()
                        + " s (printer jammed or out of paper?)", e);
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the point was to unblock the writer
        }
    }

    @Override
    public synchronized byte[] request(byte[] request, int answerLength, Duration timeout) throws IOException {
        try {
            Socket s = open();
            InputStream in = s.getInputStream();
            // drop stale bytes (e.g. an automatic status the printer pushed earlier)
            while (in.available() > 0) {
                in.skip(in.available());
            }
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] answer = in.readNBytes(answerLength);
            if (answer.length < answerLength) {
                throw new IOException(describe() + " closed the connection before answering");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            // the connection may still be fine (the printer just did not answer): keep it
            throw e;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized byte[] read(int length, Duration timeout) throws IOException {
        try {
            Socket s = open();
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] answer = s.getInputStream().readNBytes(length);
            if (answer.length < length) {
                throw new IOException(describe() + " closed the connection before answering");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
            socket = null;
        }
    }

    private Socket open() throws IOException {
        if (socket != null && !socket.isClosed()) {
            return socket;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        return s;
    }
}
