package io.branchpos.sync.client;

import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.ProtocolVersion;
import io.branchpos.sync.protocol.QuarantinedEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the terminal's journal to HQ, in order and in batches, and keeps doing so by itself.
 *
 * <p>Threading: {@link #start()} runs one daemon thread ("branchpos-sync") that owns all I/O.
 * {@link #nudge()} (after each sale) and {@link #status()} may be called from any thread, including
 * the FX thread; they never block. Listeners are called on the sync thread.
 *
 * <p>Exactly-once is HQ's job (constraints); the engine's job is at-least-once: an event is marked
 * synced only after HQ acknowledged it, and anything unacknowledged is sent again, forever.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    private final JournalOutbox outbox;
    private final CredentialStore credentials;
    private final SyncTransport transport;
    private final String enrollmentCode;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration idleInterval;
    private final Duration haltedInterval;
    private final int maxBatch;
    private final boolean readAhead;
    /** Reads and encodes the next batch while one is in flight (decision 0211); its one thread ends when idle. */
    private final ThreadPoolExecutor readAheadThread;
    /** Batches sent at once while catching up (decision 0212): 2 by default, 1 = each waits for the answer before. */
    private final int uploadsInFlight;
    /** Runs the uploads when more than one may be in flight; its threads end when idle. */
    private final ThreadPoolExecutor uploadThreads;
    private final List<SyncStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Object wakeUp = new Object();
    private final Object drainLock = new Object();

    private volatile SyncStatus status;
    private volatile boolean running;
    private boolean nudged;
    private Thread thread;

    // owned by the sync thread
    private int batchSize;
    private Long resendFrom;
    private Instant lastSuccessAt;
    private boolean enrollmentCodeSpent;

    private SyncEngine(Builder b) {
        this.outbox = Objects.requireNonNull(b.outbox, "outbox");
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.enrollmentCode = b.enrollmentCode;
        this.clock = b.clock;
        this.backoff = new Backoff(b.backoffBase, b.backoffMax, b.random);
        this.idleInterval = b.idleInterval;
        this.haltedInterval = b.haltedInterval;
        this.maxBatch = b.maxBatch;
        this.readAhead = b.readAhead;
        this.readAheadThread = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "branchpos-sync-read-ahead");
            t.setDaemon(true);
            return t;
        });
        this.readAheadThread.allowCoreThreadTimeOut(true);
        this.uploadsInFlight = b.uploadsInFlight;
        this.uploadThreads = new ThreadPoolExecutor(b.uploadsInFlight, b.uploadsInFlight, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "branchpos-sync-upload");
                    t.setDaemon(true);
                    return t;
                });
        this.uploadThreads.allowCoreThreadTimeOut(true);
        this.batchSize = Math.min(b.initialBatch, b.maxBatch);
        this.status = new SyncStatus(SyncStatus.State.STARTING, 0, null, null, null, clock.instant());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the background thread; it drains now, then whenever nudged or its timer fires. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "branchpos-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the sync thread to drain now (call after each committed sale). Never blocks. */
    public void nudge() {
        synchronized (wakeUp) {
            nudged = true;
            wakeUp.notifyAll();
        }
    }

    /** The latest status snapshot. */
    public SyncStatus status() {
        return status;
    }

    /** Adds a listener and immediately gives it the current snapshot. */
    public void addListener(SyncStatusListener listener) {
        listeners.add(listener);
        safeNotify(listener, status);
    }

    public void removeListener(SyncStatusListener listener) {
        listeners.remove(listener);
    }

    /** Stops the thread (waits up to 5 s for an upload in flight). Unacknowledged events stay queued. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        nudge();
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        readAheadThread.shutdown();
        uploadThreads.shutdown();
    }

    private void loop() {
        while (running) {
            Duration delay;
            try {
                delay = drain();
            } catch (RuntimeException e) {
                log.warn("sync pass failed", e);
                publish(SyncStatus.State.ERROR, "sync failed: " + e.getMessage());
                delay = backoff.next(Duration.ZERO);
            }
            synchronized (wakeUp) {
                long deadline = System.nanoTime() + delay.toNanos();
                while (running && !nudged) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                nudged = false;
            }
        }
    }

    /**
     * One drain pass on the calling thread: uploads batches until the journal is drained or something
     * fails, and returns how long to wait before the next pass. Public for tests and simulations;
     * serialised with the engine's own thread (prefer {@link #nudge()} in the application).
     */
    public Duration drain() {
        synchronized (drainLock) {
            return drainLocked();
        }
    }

    private Duration drainLocked() {
        Optional<TerminalCredential> credential = ensureEnrolled();
        if (credential.isEmpty()) {
            return status.state() == SyncStatus.State.OFFLINE ? backoff.next(Duration.ZERO) : haltedInterval;
        }
        String terminalId = credential.get().terminalId();
        int noProgress = 0;
        CompletableFuture<Ready> ahead = null;
        // batches sent and not yet answered, oldest first; more than one only while catching up (decision 0212)
        Deque<Flight> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                if (inFlight.isEmpty()) {
                    long from = resendFrom != null ? resendFrom : outbox.syncedThroughSeq() + 1;
                    Ready ready = ahead != null ? ahead.getNow(null) : null;
                    if (ahead != null && ready == null) {
                        ready = ahead.exceptionally(ex -> null).join();
                    }
                    ahead = null;
                    if (ready == null || ready.from() != from || ready.requested() > batchSize) {
                        // none read ahead, HQ wants another position than the one read (resend, partial ack), or batches shrank
                        ready = read(terminalId, from, batchSize);
                    }
                    if (ready.events().isEmpty()) {
                        resendFrom = null;
                        backoff.reset();
                        publish(SyncStatus.State.UP_TO_DATE, null);
                        return idleInterval;
                    }
                    publish(SyncStatus.State.SYNCING, status.lastError());
                    if (readAhead && ready.events().size() >= ready.requested()) {
                        // a full batch: more is likely waiting (a catch-up); read and encode it while this one is in flight
                        ahead = readAhead(terminalId, ready.nextFrom(), batchSize);
                    }
                    inFlight.add(send(credential.get(), ready, false));
                }
                Flight last = inFlight.peekLast();
                if (inFlight.size() < uploadsInFlight && ahead != null && last.full()) {
                    // a second batch in flight, so HQ parses it while PostgreSQL applies the one before (decision 0212)
                    Ready next = ahead.exceptionally(ex -> null).join();
                    ahead = null;
                    if (next != null && !next.events().isEmpty() && next.from() == last.ready().nextFrom()) {
                        Flight second = send(credential.get(), next, true);
                        inFlight.add(second);
                        if (second.full()) {
                            ahead = readAhead(terminalId, next.nextFrom(), batchSize);
                        }
                    }
                }
                Flight flight = inFlight.poll();
                UploadResult result;
                try {
                    result = flight.answer();
                } catch (InterruptedIOException e) {
                    shrinkBatch();
                    return offline("HQ did not answer in time (" + e.getMessage() + ")");
                } catch (IOException e) {
                    return offline("HQ unreachable: " + e.getMessage());
                }
                adaptBatchSize(flight.ready().events().size(), flight.nanos());
                if (result instanceof UploadResult.Acknowledged a) {
                    long before = outbox.syncedThroughSeq();
                    boolean overtaken = flight.follower() && a.ack().resendFrom() != null && a.ack().resendFrom() <= before;
                    apply(a.ack());
                    if (overtaken) {
                        // HQ took this batch before the one sent ahead of it, which it has applied since: not a
                        // gap, send it again from the synced mark (decision 0212)
                        resendFrom = null;
                        if (ahead != null) {
                            ahead.cancel(false);
                        }
                        ahead = CompletableFuture.completedFuture(flight.ready());
                    }
                    if (a.conflict()) {
                        log.warn("HQ quarantined conflicting copies: {}", a.ack().quarantined());
                    }
                    if (overtaken) {
                        noProgress = 0;
                    } else if (outbox.syncedThroughSeq() == before && a.ack().resendFrom() == null) {
                        noProgress++;
                    } else {
                        noProgress = 0;
                    }
                    if (noProgress >= 3) {
                        return offline("HQ acknowledges nothing new; retrying later");
                    }
                    lastSuccessAt = clock.instant();
                    backoff.reset();
                    if (!inFlight.isEmpty() && (a.ack().resendFrom() != null && !overtaken
                            || a.ack().acceptedThroughSeq() < flight.ready().lastSeq())) {
                        // HQ wants another position than the batch after this one starts at: its answer is
                        // not acted on (what it stored is re-sent and answered as duplicates)
                        awaitAndForget(inFlight);
                    }
                    continue;
                }
                // anything else: the batch sent after this one is not acted on
                awaitAndForget(inFlight);
                if (result instanceof UploadResult.Blocked b) {
                    if (b.ack() != null) {
                        apply(b.ack());
                    }
                    publish(SyncStatus.State.BLOCKED, b.message());
                    return haltedInterval;
                } else if (result instanceof UploadResult.Unauthorized u) {
                    credentials.clear();
                    publish(SyncStatus.State.NEEDS_ENROLLMENT, "HQ refused this terminal's credential: " + u.message());
                    return haltedInterval;
                } else if (result instanceof UploadResult.UpgradeRequired u) {
                    publish(SyncStatus.State.UPGRADE_REQUIRED, u.message());
                    return haltedInterval;
                } else if (result instanceof UploadResult.RetryLater r) {
                    publish(SyncStatus.State.OFFLINE, "HQ busy or unavailable: " + r.message());
                    return backoff.next(r.retryAfter());
                } else if (result instanceof UploadResult.Rejected r) {
                    if (batchSize > 1) {
                        shrinkBatch();
                        publish(SyncStatus.State.SYNCING, "HQ refused a batch (" + r.code() + "), retrying smaller");
                    } else {
                        publish(SyncStatus.State.ERROR, "HQ refused event " + flight.ready().events().get(0).seq() + ": " + r.message());
                        return backoff.next(Duration.ZERO);
                    }
                }
            }
        } finally {
            if (ahead != null) {
                ahead.cancel(false); // read only; nothing to undo
            }
            awaitAndForget(inFlight);
        }
    }

    private Ready read(String terminalId, long from, int size) {
        List<OutboxEvent> read = outbox.eventsFrom(from, size);
        return new Ready(from, size, read, read.isEmpty() ? null
                : transport.prepare(new EventBatch(ProtocolVersion.CURRENT, terminalId, read.stream().map(OutboxEvent::toWire).toList())));
    }

    /**
     * Starts the upload of a batch. With one batch in flight at most it runs on the calling thread (the
     * answer is there when this returns); otherwise on an upload thread.
     */
    private Flight send(TerminalCredential credential, Ready ready, boolean follower) {
        long started = System.nanoTime();
        Callable<UploadResult> call = () -> {
            try {
                return transport.upload(credential, ready.prepared());
            } finally {
                // the round trip of this batch alone, as the batch size adapts to it
                ready.nanos = System.nanoTime() - started;
            }
        };
        if (uploadsInFlight == 1) {
            FutureTask<UploadResult> now = new FutureTask<>(call);
            now.run();
            return new Flight(ready, now, follower);
        }
        FutureTask<UploadResult> later = new FutureTask<>(call);
        try {
            uploadThreads.execute(later);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            later.run(); // closed: on this thread
        }
        return new Flight(ready, later, follower);
    }

    /** Waits for batches still in flight whose answers are not acted on (all that HQ stored is sent again later). */
    private static void awaitAndForget(Deque<Flight> inFlight) {
        for (Flight f; (f = inFlight.poll()) != null; ) {
            try {
                f.answer();
            } catch (IOException | RuntimeException e) {
                log.debug("answer to a batch not acted on: {}", e.toString());
            }
        }
    }

    /** A batch sent to HQ; {@code follower} = sent while the batch before it was still in flight. */
    private record Flight(Ready ready, Future<UploadResult> result, boolean follower) {
        boolean full() {
            return ready.events().size() >= ready.requested();
        }

        long nanos() {
            return ready.nanos;
        }

        UploadResult answer() throws IOException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof IOException io) {
                            throw io;
                        }
                        if (cause instanceof RuntimeException re) {
                            throw re;
                        }
                        if (cause instanceof Error err) {
                            throw err;
                        }
                        throw new IOException(cause);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A batch read from the outbox from {@code from} (asked for {@code requested} events) and made ready to send. */
    private static final class Ready {
        private final long from;
        private final int requested;
        private final List<OutboxEvent> events;
        private final SyncTransport.Prepared prepared;
        /** The round trip of its upload (set by the uploading thread, read after its answer). */
        private volatile long nanos;

        Ready(long from, int requested, List<OutboxEvent> events, SyncTransport.Prepared prepared) {
            this.from = from;
            this.requested = requested;
            this.events = events;
            this.prepared = prepared;
        }

        long from() {
            return from;
        }

        int requested() {
            return requested;
        }

        List<OutboxEvent> events() {
            return events;
        }

        SyncTransport.Prepared prepared() {
            return prepared;
        }

        long lastSeq() {
            return events.get(events.size() - 1).seq();
        }

        long nextFrom() {
            return lastSeq() + 1;
        }
    }

    /**
     * Reads the events from {@code from} and encodes them on the read-ahead thread. Only reads: the
     * batch is sent only if HQ's answer to the one in flight leaves {@code from} as the next position,
     * else it is dropped. Null when the thread cannot take it (then the next batch is read as usual).
     */
    private CompletableFuture<Ready> readAhead(String terminalId, long from, int size) {
        try {
            return CompletableFuture.supplyAsync(() -> read(terminalId, from, size), readAheadThread);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // closed
        }
    }

    private void apply(BatchAck ack) {
        for (QuarantinedEvent q : ack.quarantined()) {
            outbox.recordQuarantined(q);
        }
        if (ack.acceptedThroughSeq() > outbox.syncedThroughSeq()) {
            outbox.markSyncedThrough(ack.acceptedThroughSeq());
        }
        // HQ lacks seq resendFrom; it may be below our synced mark if HQ's database was restored
        resendFrom = ack.resendFrom();
    }

    private Optional<TerminalCredential> ensureEnrolled() {
        Optional<TerminalCredential> stored = credentials.load();
        if (stored.isPresent()) {
            return stored;
        }
        if (enrollmentCode == null || enrollmentCodeSpent) {
            publish(SyncStatus.State.NEEDS_ENROLLMENT, status.lastError() != null ? status.lastError()
                    : "this terminal is not enrolled; ask HQ for an enrollment code");
            return Optional.empty();
        }
        try {
            EnrollmentResponse r = transport.enroll(enrollmentCode);
            TerminalCredential credential = new TerminalCredential(r.terminalId(), r.branchId(), r.token());
            credentials.save(credential);
            // one-time: a terminal HQ revokes later needs a new code from HQ, never this one again (0404)
            enrollmentCodeSpent = true;
            log.info("enrolled as terminal {} of branch {}", r.terminalId(), r.branchId());
            return Optional.of(credential);
        } catch (SyncTransport.EnrollmentRefusedException e) {
            enrollmentCodeSpent = true;
            publish(SyncStatus.State.NEEDS_ENROLLMENT, "HQ refused the enrollment code: " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            publish(SyncStatus.State.OFFLINE, "HQ unreachable for enrollment: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Duration offline(String error) {
        publish(SyncStatus.State.OFFLINE, error);
        return backoff.next(Duration.ZERO);
    }

    /**
     * Aims at round trips of 1–2 s: grow while under a second and full, shrink when slow. (Growing only
     * under 0.2 s kept a week's catch-up at 50–200 events per batch: 1,000 events of a catch-up take
     * longer than 0.2 s to read, send, apply and mark even on a quiet machine.)
     */
    private void adaptBatchSize(int sent, long nanos) {
        if (nanos < 1_000_000_000L && sent == batchSize) {
            batchSize = Math.min(maxBatch, batchSize * 2);
        } else if (nanos > 2_000_000_000L) {
            shrinkBatch();
        }
    }

    private void shrinkBatch() {
        batchSize = Math.max(1, batchSize / 2);
    }

    /** Current batch size (adapts to the link). */
    public int batchSize() {
        return batchSize;
    }

    private void publish(SyncStatus.State state, String error) {
        Instant now = clock.instant();
        SyncStatus next = new SyncStatus(state, outbox.pendingCount(), outbox.oldestPendingOccurredAt().orElse(null), error,
                lastSuccessAt, now);
        SyncStatus previous = status;
        status = next;
        if (!sameExceptTime(previous, next)) {
            for (SyncStatusListener l : listeners) {
                safeNotify(l, next);
            }
        }
    }

    private static boolean sameExceptTime(SyncStatus a, SyncStatus b) {
        return a.state() == b.state() && a.pendingCount() == b.pendingCount() && Objects.equals(a.lastError(), b.lastError())
                && Objects.equals(a.lastSuccessAt(), b.lastSuccessAt())
                && Objects.equals(a.oldestPendingOccurredAt(), b.oldestPendingOccurredAt());
    }

    private static void safeNotify(SyncStatusListener l, SyncStatus s) {
        try {
            l.onStatus(s);
        } catch (RuntimeException e) {
            log.warn("sync status listener failed", e);
        }
    }

    /** Configures a {@link SyncEngine}. Only outbox, credentials and transport are required. */
    public static final class Builder {
        private JournalOutbox outbox;
        private CredentialStore credentials;
        private SyncTransport transport;
        private String enrollmentCode;
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();
        private Duration idleInterval = Duration.ofSeconds(30);
        private Duration haltedInterval = Duration.ofMinutes(5);
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofMinutes(1);
        private int initialBatch = 50;
        private int maxBatch = 1000;
        private boolean readAhead = true;
        private int uploadsInFlight = 2;

        public Builder outbox(JournalOutbox v) { outbox = v; return this; }
        public Builder credentials(CredentialStore v) { credentials = v; return this; }
        public Builder transport(SyncTransport v) { transport = v; return this; }
        /** Shorthand for an {@link OkHttpSyncTransport} to HQ's base URL. */
        public Builder serverUrl(String baseUrl) { transport = new OkHttpSyncTransport(baseUrl); return this; }
        /** A pre-seeded one-time code: used once, on first start, when no credential is stored. */
        public Builder enrollmentCode(String v) { enrollmentCode = v == null || v.isBlank() ? null : v.trim(); return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder random(Random v) { random = v; return this; }
        /** How often to look for work when idle and not nudged (default 30 s). */
        public Builder idleInterval(Duration v) { idleInterval = v; return this; }
        /** How often to retry when blocked, unenrolled or too old (default 5 min). */
        public Builder haltedInterval(Duration v) { haltedInterval = v; return this; }
        public Builder backoff(Duration base, Duration max) { backoffBase = base; backoffMax = max; return this; }
        public Builder batchSizes(int initial, int max) {
            if (initial < 1 || max < initial || max > 1000) {
                throw new IllegalArgumentException("need 1 <= initial <= max <= 1000");
            }
            initialBatch = initial;
            maxBatch = max;
            return this;
        }

        /** Whether to read and encode the next batch while one is in flight (default on; decision 0211). */
        public Builder readAhead(boolean v) { readAhead = v; return this; }

        /**
         * How many full batches may be in flight to HQ at once while catching up (default 2; decision 0212).
         * 1 = each batch waits for the answer to the one before. Needs the read-ahead for more than 1.
         */
        public Builder uploadsInFlight(int v) {
            if (v < 1 || v > 2) {
                throw new IllegalArgumentException("uploads in flight: 1 or 2");
            }
            uploadsInFlight = v;
            return this;
        }

        public SyncEngine build() {
            return new SyncEngine(this);
        }
    }
}
