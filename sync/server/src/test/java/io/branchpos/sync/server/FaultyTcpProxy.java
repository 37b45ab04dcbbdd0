package io.branchpos.sync.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between client and server that injects faults: it can swallow the server's
 * answer after the server has already processed the request (the "response lost after commit"
 * case), refuse connections (network down), or cut every open connection. Bounded: at most 32
 * threads, loopback only.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private volatile int targetPort;
    private final ExecutorService threads = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Number of upcoming server answers to swallow (the connection is then cut). */
    public final AtomicInteger answersToDrop = new AtomicInteger();
    /** Answers swallowed so far. */
    public final AtomicInteger answersDropped = new AtomicInteger();
    private volatile boolean down;

    public FaultyTcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** Points new connections at another server port (a restarted server). */
    public void retarget(int port) {
        targetPort = port;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Network down: new connections are closed at once and open ones are cut. */
    public void down() {
        down = true;
        cutAll();
    }

    public void up() {
        down = false;
    }

    public void cutAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                open.add(client);
                open.add(server);
                threads.submit(() -> pump(client, server, false));
                threads.submit(() -> pump(server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (answers && answersToDrop.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
                    answersDropped.incrementAndGet();
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; the other follows below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
        threads.shutdownNow();
    }
}
