package io.branchpos.sync.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchpos.sync.protocol.ErrorBody;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.FeedSnapshot;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.ProtocolVersion;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the branch's catalog feed from HQ into a {@link CatalogSink}, page by page, each page
 * applied with its cursor in one local transaction; so a restart resumes where the last whole
 * page ended (bootstrap included). Pulls at start, when HQ's push channel says "changed", when the
 * channel (re)connects (an offline till catches up), on {@link #nudge()}, and every
 * {@code pollEvery} as a fallback.
 *
 * <p>Threads: {@code branchpos-feed} owns every call into the sink and the feed requests;
 * {@code branchpos-feed-push} holds the SSE channel and only wakes the former. Listeners run on
 * either of the two and must be quick. {@link #nudge()}, {@link #status()}, {@link #close()}:
 * any thread.
 */
public final class FeedPuller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedPuller.class);
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final HttpUrl baseUrl;
    private final CredentialStore credentials;
    private final CatalogSink sink;
    private final int pageSize;
    private final int catchUpPageSize;
    private final Duration pollEvery;
    private final OkHttpClient http;
    private final OkHttpClient pushHttp;
    private final OkHttpClient snapshotHttp;
    private final Backoff backoff;
    private final Backoff pushBackoff;
    private final Clock clock;
    private final List<Consumer<FeedStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean signalled = true;
    private volatile boolean running;
    private volatile FeedStatus status = FeedStatus.starting();
    private volatile Call pushCall;
    private Thread puller;
    private Thread push;

    public FeedPuller(String serverUrl, CredentialStore credentials, CatalogSink sink, int pageSize, Duration pollEvery) {
        this(serverUrl, credentials, sink, pageSize, pageSize, pollEvery);
    }

    /**
     * {@code catchUpPageSize}: the page size asked for while far behind — during a bootstrap (from
     * cursor {@code "0"}) and after a full page — so a new terminal takes the catalog in few, big
     * transactions (decision 0254); {@code pageSize} otherwise. HQ caps both at its own maximum.
     */
    public FeedPuller(String serverUrl, CredentialStore credentials, CatalogSink sink, int pageSize, int catchUpPageSize,
                      Duration pollEvery) {
        HttpUrl parsed = HttpUrl.parse(serverUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + serverUrl);
        }
        this.baseUrl = parsed;
        this.credentials = credentials;
        this.sink = sink;
        this.pageSize = pageSize;
        this.catchUpPageSize = Math.max(pageSize, catchUpPageSize);
        this.pollEvery = pollEvery;
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60)).build();
        // HQ sends a keep-alive comment every 15 s: 45 s of silence means the channel is dead
        // a snapshot streams for as long as the terminal needs to load it: no overall limit, only silence
        // (HQ folds the whole feed before the first byte: minutes on a long history)
        this.snapshotHttp = http.newBuilder().readTimeout(Duration.ofMinutes(5)).callTimeout(Duration.ZERO).build();
        this.pushHttp = http.newBuilder().readTimeout(Duration.ofSeconds(45)).callTimeout(Duration.ZERO).build();
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random());
        this.pushBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new Random());
        this.clock = Clock.systemUTC();
    }

    public void addListener(Consumer<FeedStatus> listener) {
        listeners.add(listener);
        listener.accept(status);
    }

    public FeedStatus status() {
        return status;
    }

    /** Starts the puller and the push channel (daemon threads). */
    public synchronized FeedPuller start() {
        if (running) {
            return this;
        }
        running = true;
        puller = new Thread(this::pullLoop, "branchpos-feed");
        puller.setDaemon(true);
        puller.start();
        push = new Thread(this::pushLoop, "branchpos-feed-push");
        push.setDaemon(true);
        push.start();
        return this;
    }

    /** Pull soon (e.g. the user asked, or the network is back). */
    public void nudge() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /**
     * Pulls until HQ has nothing more ready now, on the calling thread (tests, and the loop).
     * Returns the number of changes applied. Do not call while {@link #start()}ed.
     */
    public long pullAll() throws IOException {
        TerminalCredential credential = credentials.load().orElse(null);
        if (credential == null) {
            update(status.with(FeedStatus.State.NEEDS_ENROLLMENT));
            return 0;
        }
        long applied = 0;
        boolean snapshotLoaded = false;
        if (sink.wantsSnapshot()) {
            long loaded = loadSnapshot(credential);
            snapshotLoaded = loaded >= 0;
            applied += Math.max(0, loaded);
        }
        boolean catchingUp = FeedPage.START.equals(sink.cursor()) || snapshotLoaded;
        while (true) {
            String after = sink.cursor();
            FeedPage page = fetch(credential, after, catchingUp ? catchUpPageSize : pageSize);
            catchingUp = page.hasMore();
            // after a snapshot the first page is applied even when empty: it is what marks the catalog complete
            if (!page.changes().isEmpty() || !page.nextCursor().equals(after) || snapshotLoaded) {
                sink.apply(after, page);
                snapshotLoaded = false;
            }
            applied += page.changes().size();
            FeedStatus s = status;
            update(new FeedStatus(page.hasMore() ? FeedStatus.State.PULLING : FeedStatus.State.UP_TO_DATE,
                    s.appliedThisRun() + page.changes().size(), page.remaining(), s.pushConnected(), null, clock.instant()));
            if (!page.hasMore() || !runningOrDirect()) {
                return applied;
            }
        }
    }

    /**
     * Fetches the branch's feed snapshot and has the sink load it while it streams in (decision 0258).
     * An HQ without the endpoint (404) leaves the cursor where it is: the feed is then pulled page by
     * page (returns -1). Otherwise returns the changes loaded.
     */
    private long loadSnapshot(TerminalCredential credential) throws IOException {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/branches").addPathSegment(credential.branchId())
                .addPathSegments("feed/snapshot").build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + credential.token())
                .header(ProtocolVersion.HEADER, String.valueOf(ProtocolVersion.CURRENT)).get().build();
        update(new FeedStatus(FeedStatus.State.PULLING, status.appliedThisRun(), status.remaining(), status.pushConnected(), null,
                clock.instant()));
        try (Response response = snapshotHttp.newCall(request).execute()) {
            if (response.code() == 404) {
                log.info("HQ serves no feed snapshot: bootstrapping through the feed pages");
                return -1;
            }
            if (response.code() == 401) {
                throw new FeedUnauthorizedException("HQ refused the terminal's token");
            }
            if (response.code() != 200) {
                throw new IOException("HQ refused the feed snapshot: HTTP " + response.code());
            }
            long loaded;
            long total = snapshotChanges(response.header(FeedSnapshot.CHANGES_HEADER));
            long before = status.appliedThisRun();
            if (total > 0) {
                FeedStatus s = status;
                update(new FeedStatus(FeedStatus.State.PULLING, before, total, s.pushConnected(), null, s.lastPullAt()));
            }
            try (FeedSnapshot.Reader reader = new FeedSnapshot.Reader(response.body().byteStream())) {
                // the bootstrap window's bar: changes read so far of the total HQ announced (left unknown without it)
                reader.onProgress((int) Math.max(1, Math.min(SNAPSHOT_PROGRESS_EVERY, total / 100)), read -> {
                    FeedStatus s = status;
                    update(new FeedStatus(FeedStatus.State.PULLING, before + read, Math.max(0, total - read), s.pushConnected(),
                            null, s.lastPullAt()));
                });
                loaded = sink.loadSnapshot(reader);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            FeedStatus s = status;
            update(new FeedStatus(FeedStatus.State.PULLING, before + loaded, 0, s.pushConnected(), null, clock.instant()));
            return loaded;
        }
    }

    /** At most how many change lines apart a snapshot load reports its progress (else every 1 % of HQ's total). */
    static final int SNAPSHOT_PROGRESS_EVERY = 5_000;

    /** HQ's announced number of snapshot changes, or 0 if it sent none (an older HQ) or nonsense. */
    private static long snapshotChanges(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private boolean runningOrDirect() {
        return running || puller == null;
    }

    private FeedPage fetch(TerminalCredential credential, String after, int limit) throws IOException {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/branches").addPathSegment(credential.branchId())
                .addPathSegment("feed").addQueryParameter("after", after).addQueryParameter("limit", String.valueOf(limit)).build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + credential.token())
                .header(ProtocolVersion.HEADER, String.valueOf(ProtocolVersion.CURRENT)).get().build();
        try (Response response = http.newCall(request).execute()) {
            BufferedSource source = response.body().source();
            if (source.request(MAX_RESPONSE_BYTES + 1L)) {
                throw new IOException("feed page larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            byte[] body = source.getBuffer().readByteArray();
            if (response.code() == 200) {
                return ProtocolJson.read(body, FeedPage.class);
            }
            String message = "HTTP " + response.code();
            try {
                ErrorBody error = ProtocolJson.read(body, ErrorBody.class);
                if (error != null && error.message() != null) {
                    message = error.message();
                }
            } catch (JsonProcessingException | RuntimeException ignored) {
                // not our error format
            }
            if (response.code() == 401) {
                throw new FeedUnauthorizedException(message);
            }
            throw new IOException("HQ refused the feed request: " + response.code() + " " + message);
        } catch (JsonProcessingException e) {
            throw new IOException("unreadable feed page from HQ: " + e.getOriginalMessage(), e);
        }
    }

    /** HQ does not accept this terminal's credential (the sync engine handles re-enrollment). */
    static final class FeedUnauthorizedException extends IOException {
        FeedUnauthorizedException(String message) {
            super(message);
        }
    }

    private void pullLoop() {
        while (running) {
            long waitMs = pollEvery.toMillis();
            try {
                pullAll();
                backoff.reset();
            } catch (CatalogSink.RefusedPageException e) {
                log.warn("catalog feed page refused: {}", e.getMessage());
                update(new FeedStatus(FeedStatus.State.REFUSED, status.appliedThisRun(), status.remaining(), status.pushConnected(),
                        e.getMessage(), status.lastPullAt()));
                waitMs = TimeUnit.MINUTES.toMillis(5);
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.info("catalog feed pull failed: {}", e.toString());
                update(new FeedStatus(e instanceof FeedUnauthorizedException ? FeedStatus.State.NEEDS_ENROLLMENT : FeedStatus.State.OFFLINE,
                        status.appliedThisRun(), status.remaining(), status.pushConnected(), String.valueOf(e.getMessage()),
                        status.lastPullAt()));
                waitMs = backoff.next(Duration.ZERO).toMillis();
            }
            synchronized (signal) {
                long until = System.currentTimeMillis() + waitMs;
                while (running && !signalled) {
                    long left = until - System.currentTimeMillis();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        signal.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                signalled = false;
            }
        }
    }

    private void pushLoop() {
        while (running) {
            Optional<TerminalCredential> credential = credentials.load();
            if (credential.isEmpty()) {
                sleep(5_000);
                continue;
            }
            HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/branches").addPathSegment(credential.get().branchId())
                    .addPathSegments("feed/events").build();
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + credential.get().token())
                    .header("Accept", "text/event-stream").get().build();
            Call call = pushHttp.newCall(request);
            pushCall = call;
            try (Response response = call.execute()) {
                if (response.code() != 200) {
                    throw new IOException("push channel refused: HTTP " + response.code());
                }
                pushBackoff.reset();
                setPushConnected(true);
                nudge();   // whatever happened while we were not listening
                BufferedSource source = response.body().source();
                String line;
                while (running && (line = source.readUtf8Line()) != null) {
                    if (line.startsWith("data:") || line.startsWith("event:")) {
                        nudge();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.debug("feed push channel down: {}", e.toString());
                }
            }
            setPushConnected(false);
            if (running) {
                sleep(pushBackoff.next(Duration.ZERO).toMillis());
            }
        }
    }

    private void setPushConnected(boolean connected) {
        FeedStatus s = status;
        update(new FeedStatus(s.state(), s.appliedThisRun(), s.remaining(), connected, s.lastError(), s.lastPullAt()));
    }

    private synchronized void update(FeedStatus next) {
        status = next;
        for (Consumer<FeedStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.warn("feed status listener failed", e);
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Call call = pushCall;
        if (call != null) {
            call.cancel();
        }
        nudge();
        // never interrupt the puller: an interrupt inside an H2 write would close the database file
        if (push != null) {
            push.interrupt();
        }
        for (Thread t : new Thread[] {puller, push}) {
            if (t != null) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
