package io.branchpos.sync.server.feed;

import io.javalin.http.sse.SseClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells connected terminals "there is something new in the feed" (they then pull). Catalog writers
 * {@code NOTIFY catalog_feed} with their transaction id (delivered at commit, from any process or
 * server instance); the signal goes out only once that transaction is below the snapshot xmin, i.e.
 * once the feed actually serves it (decision 0250) — a signal sent earlier would make the terminal
 * pull, find nothing, and wait for the next signal. One daemon thread per server instance.
 */
public final class FeedSignals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedSignals.class);
    public static final String CHANNEL = "catalog_feed";
    private static final long KEEP_ALIVE_MS = 15_000;

    private final DataSource dataSource;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Thread thread;

    public FeedSignals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public synchronized FeedSignals start() {
        if (thread == null) {
            thread = new Thread(this::run, "feed-signals");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Keeps {@code client} open until it disconnects; it hears every "changed" from now on. */
    public void subscribe(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.sendComment("connected");
        client.keepAlive();
    }

    public int subscribers() {
        return clients.size();
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                long waitingFor = -1;          // highest unsigned xid notified but not yet served
                long lastKeepAlive = System.currentTimeMillis();
                broadcast();                    // we may have missed notifications while disconnected
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(250);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            long xid = parse(n.getParameter());
                            if (Long.compareUnsigned(xid, waitingFor) > 0 || waitingFor == -1) {
                                waitingFor = xid;
                            }
                        }
                    }
                    if (waitingFor != -1) {
                        try (ResultSet rs = st.executeQuery("select pg_snapshot_xmin(pg_current_snapshot())::text")) {
                            rs.next();
                            if (Long.compareUnsigned(Long.parseUnsignedLong(rs.getString(1)), waitingFor) > 0) {
                                waitingFor = -1;
                                broadcast();
                            }
                        }
                    }
                    long now = System.currentTimeMillis();
                    if (now - lastKeepAlive > KEEP_ALIVE_MS) {
                        lastKeepAlive = now;
                        for (SseClient client : clients) {
                            send(client, null);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("feed signals lost the database ({}); retrying in 2 s", e.getMessage());
                    sleep(2_000);
                }
            }
        }
    }

    private void broadcast() {
        for (SseClient client : clients) {
            send(client, "changed");
        }
    }

    private void send(SseClient client, String event) {
        try {
            if (client.terminated()) {
                clients.remove(client);
            } else if (event == null) {
                client.sendComment("keep-alive");
            } else {
                client.sendEvent(event, "{}");
            }
        } catch (RuntimeException e) {
            clients.remove(client);
        }
    }

    private static long parse(String xid) {
        try {
            return Long.parseUnsignedLong(xid.trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (SseClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        clients.clear();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
