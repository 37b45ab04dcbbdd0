package io.branchpos.sync.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchpos.sync.protocol.BatchValidator;
import io.branchpos.sync.protocol.EnrollmentRequest;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.ErrorBody;
import io.branchpos.sync.protocol.ErrorCodes;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.RawPayload;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.ProtocolVersion;
import io.branchpos.sync.protocol.Validation;
import io.branchpos.sync.server.auth.TerminalRegistry;
import io.branchpos.sync.server.auth.TerminalRegistry.AuthenticatedTerminal;
import io.branchpos.sync.server.feed.FeedService;
import io.branchpos.sync.server.feed.FeedSignals;
import io.branchpos.sync.server.feed.FeedSnapshotService;
import io.branchpos.sync.server.operator.OperatorService;
import io.branchpos.sync.server.operator.PasswordHasher;
import io.branchpos.sync.server.web.OperatorWeb;
import io.javalin.http.sse.SseHandler;
import io.branchpos.sync.server.http.ApiException;
import io.branchpos.sync.server.http.BodyReader;
import io.branchpos.sync.server.ingest.IngestResult;
import io.branchpos.sync.server.ingest.IngestService;
import io.branchpos.sync.server.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central sync server: HTTP routes over one PostgreSQL database. Stateless; run as many
 * instances on one database as needed. Every refusal is {@code {code, message}} with a 4xx status;
 * 5xx only when the database is unreachable (503, retry later) or on a bug.
 */
public final class SyncServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncServer.class);
    /** Largest accepted request body, compressed or inflated. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final String JSON = "application/json";

    private final DataSource dataSource;
    private final TerminalRegistry registry;
    private final IngestService ingest;
    private final FeedService feed;
    private final FeedSnapshotService feedSnapshot;
    private final FeedSignals feedSignals;
    private final OperatorService operators;
    private final java.util.concurrent.ScheduledExecutorService background =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "day-close-reconciler");
                t.setDaemon(true);
                return t;
            });
    private final Metrics metrics = new Metrics();
    private final int maxBodyBytes;
    private final Javalin app;

    public SyncServer(DataSource dataSource) {
        this(dataSource, new TerminalRegistry(dataSource, Clock.systemUTC(), new SecureRandom(), Duration.ofDays(7)),
                DEFAULT_MAX_BODY_BYTES);
    }

    public SyncServer(DataSource dataSource, TerminalRegistry registry, int maxBodyBytes) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.ingest = new IngestService(dataSource, metrics);
        this.feed = new FeedService(dataSource);
        this.feedSnapshot = new FeedSnapshotService(dataSource);
        this.feedSignals = new FeedSignals(dataSource);
        this.operators = new OperatorService(dataSource, registry, new PasswordHasher(210_000), ingest);
        OperatorWeb operatorWeb = new OperatorWeb(operators, Clock.systemUTC());
        this.maxBodyBytes = maxBodyBytes;
        this.app = Javalin.create(cfg -> {
            cfg.http.maxRequestSize = maxBodyBytes;
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", this::health);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.render()));
            cfg.routes.post("/v1/enrollments", this::enroll);
            cfg.routes.post("/v1/terminals/{terminalId}/batches", this::batch);
            cfg.routes.get("/v1/branches/{branchId}/feed", this::feed);
            cfg.routes.get("/v1/branches/{branchId}/feed/events", this::feedEvents);
            cfg.routes.get("/v1/branches/{branchId}/feed/snapshot", this::feedSnapshot);
            operatorWeb.register(cfg.routes);
            cfg.routes.exception(ApiException.class, (e, ctx) -> {
                if (ctx.path().endsWith("/batches")) {
                    metrics.batchRejected();
                }
                error(ctx, e.status(), e.code(), e.getMessage());
            });
            cfg.routes.exception(SQLException.class, (e, ctx) -> {
                log.warn("database unavailable: {}", e.getMessage());
                ctx.header("Retry-After", "5");
                error(ctx, 503, ErrorCodes.UNAVAILABLE, "the HQ database is unavailable; the terminal keeps its queue and retries");
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, ErrorCodes.INTERNAL, "unexpected server error; the terminal keeps its queue and retries");
            });
            cfg.routes.error(404, ctx -> error(ctx, 404, ErrorCodes.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            cfg.routes.error(405, ctx -> error(ctx, 405, ErrorCodes.INVALID_REQUEST, "method " + ctx.method() + " not allowed on " + ctx.path()));
        });
    }

    public TerminalRegistry registry() {
        return registry;
    }

    public OperatorService operators() {
        return operators;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Starts on the given port (0 = any free port) on all interfaces. */
    public SyncServer start(int port) {
        startBackground();
        app.start(port);
        log.info("sync server listening on port {}", app.port());
        return this;
    }

    /** Starts on loopback only (tests, demo). */
    public SyncServer start(String host, int port) {
        startBackground();
        app.start(host, port);
        return this;
    }

    /** Push signals, and day-close reconciliation once a minute (re-checks what is still waiting). */
    private void startBackground() {
        feedSignals.start();
        io.branchpos.sync.server.dayclose.DayCloseReconciler reconciler = new io.branchpos.sync.server.dayclose.DayCloseReconciler(dataSource);
        background.scheduleWithFixedDelay(() -> {
            try {
                reconciler.reconcilePending();
            } catch (SQLException | RuntimeException e) {
                log.warn("day-close reconciliation failed: {}", e.getMessage());
            }
        }, 5, 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        feedSignals.close();
        background.shutdownNow();
        app.stop();
    }

    private void health(Context ctx) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("select 1");
            ctx.contentType(JSON).result("{\"status\":\"UP\",\"database\":\"UP\"}");
        } catch (SQLException e) {
            ctx.status(503).contentType(JSON).result("{\"status\":\"DOWN\",\"database\":\"DOWN\"}");
        }
    }

    private void enroll(Context ctx) throws SQLException {
        EnrollmentRequest request = read(ctx, EnrollmentRequest.class, 16 * 1024);
        checkVersion(request.protocolVersion());
        Optional<EnrollmentResponse> response = registry.enroll(request.enrollmentCode());
        if (response.isEmpty()) {
            throw new ApiException(401, ErrorCodes.ENROLLMENT_CODE_INVALID,
                    "the enrollment code is unknown, already used or expired; ask HQ for a new one (server: enroll --branch B --terminal T)");
        }
        log.info("terminal {} enrolled", response.get().terminalId());
        ctx.contentType(JSON).result(ProtocolJson.write(response.get()));
    }

    private void batch(Context ctx) throws SQLException {
        AuthenticatedTerminal caller = authenticate(ctx);
        String pathTerminal = ctx.pathParam("terminalId");
        if (!caller.terminalId().equals(pathTerminal)) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "terminal " + caller.terminalId()
                    + " may write only its own stream, not " + abbreviate(pathTerminal));
        }
        // this HQ reads payloads as strings or raw JSON objects: the terminal may send them raw (decision 0213)
        ctx.header(RawPayload.ACCEPTED_HEADER, "1");
        EventBatch batch = read(ctx, EventBatch.class, maxBodyBytes);
        checkVersion(batch.protocolVersion());
        if (batch.terminalId() != null && !caller.terminalId().equals(batch.terminalId())) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "the batch belongs to terminal " + abbreviate(batch.terminalId())
                    + "; terminal " + caller.terminalId() + " may send only its own events");
        }
        Validation validation = BatchValidator.validate(batch);
        if (!validation.isValid()) {
            throw new ApiException(400, ErrorCodes.INVALID_REQUEST, abbreviate(validation.message(), 2000));
        }
        IngestResult result = ingest.ingest(caller.terminalId(), batch);
        switch (result.outcome()) {
            case ACCEPTED -> ctx.contentType(JSON).result(ProtocolJson.write(result.ack()));
            case CONFLICT -> ctx.status(409).contentType(JSON)
                    .result(ProtocolJson.write(new ErrorBody(ErrorCodes.EVENT_CONFLICT, result.message(), result.ack())));
            case BLOCKED -> ctx.status(409).contentType(JSON)
                    .result(ProtocolJson.write(new ErrorBody(ErrorCodes.TERMINAL_BLOCKED, result.message(), result.ack())));
        }
    }

    private void feed(Context ctx) throws SQLException {
        AuthenticatedTerminal caller = authenticate(ctx);
        if (!caller.branchId().equals(ctx.pathParam("branchId"))) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "terminal " + caller.terminalId() + " may read only the feed of branch "
                    + caller.branchId());
        }
        FeedService.Cursor after;
        int limit;
        try {
            after = FeedService.Cursor.parse(ctx.queryParam("after"));
            String limitText = ctx.queryParam("limit");
            limit = limitText == null ? 500 : Integer.parseInt(limitText);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, ErrorCodes.INVALID_REQUEST, abbreviate(e.getMessage(), 200));
        }
        ctx.contentType(JSON).result(ProtocolJson.write(feed.page(caller.branchId(), after, limit)));
    }

    /**
     * The branch's feed folded at one position, as a gzip'd stream (decision 0258, {@code FeedSnapshot}),
     * for a new terminal's bootstrap. Written straight to the response: 200 and the content type go
     * out with the first bytes; a failure after that truncates the stream (the terminal sees no END line).
     */
    private void feedSnapshot(Context ctx) throws Exception {
        AuthenticatedTerminal caller = authenticate(ctx);
        if (!caller.branchId().equals(ctx.pathParam("branchId"))) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "terminal " + caller.terminalId() + " may read only the feed of branch "
                    + caller.branchId());
        }
        var response = ctx.res();
        long rows = feedSnapshot.write(caller.branchId(), changes -> {
            response.setStatus(200);
            response.setContentType(io.branchpos.sync.protocol.FeedSnapshot.CONTENT_TYPE);
            response.setHeader(io.branchpos.sync.protocol.FeedSnapshot.CHANGES_HEADER, Long.toString(changes));
            return response.getOutputStream();
        });
        log.info("feed snapshot of branch {} for terminal {}: {} changes", caller.branchId(), caller.terminalId(), rows);
    }

    /** Server-sent events that only say "changed": the terminal then pulls the feed. */
    private void feedEvents(Context ctx) throws Exception {
        AuthenticatedTerminal caller = authenticate(ctx);
        if (!caller.branchId().equals(ctx.pathParam("branchId"))) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "terminal " + caller.terminalId() + " may listen only to branch "
                    + caller.branchId());
        }
        new SseHandler(feedSignals::subscribe).handle(ctx);
    }

    private AuthenticatedTerminal authenticate(Context ctx) throws SQLException {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, ErrorCodes.UNAUTHENTICATED, "missing bearer token; enrol the terminal first");
        }
        return registry.authenticate(header.substring(7).trim()).orElseThrow(() -> new ApiException(401, ErrorCodes.UNAUTHENTICATED,
                "the terminal's credential is not valid (revoked or re-enrolled elsewhere); enrol the terminal again"));
    }

    private <T> T read(Context ctx, Class<T> type, int limit) {
        byte[] body = BodyReader.read(readStream(ctx), ctx.header("Content-Encoding"), ctx.req().getContentLengthLong(), limit);
        if (body.length == 0) {
            throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is empty; expected a JSON object");
        }
        try {
            T value = ProtocolJson.read(body, type);
            if (value == null) {
                throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is null; expected a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is not a valid "
                    + type.getSimpleName() + ": " + abbreviate(e.getOriginalMessage(), 300));
        }
    }

    private static java.io.InputStream readStream(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new ApiException(400, ErrorCodes.INVALID_REQUEST, "the request body could not be read");
        }
    }

    private static void checkVersion(int version) {
        if (version < ProtocolVersion.MIN_SUPPORTED) {
            throw new ApiException(426, ErrorCodes.UPGRADE_REQUIRED, "protocol version " + version
                    + " is no longer supported (oldest: " + ProtocolVersion.MIN_SUPPORTED + "); upgrade the terminal, its queue is kept");
        }
        if (version > ProtocolVersion.CURRENT) {
            throw new ApiException(400, ErrorCodes.INVALID_REQUEST, "protocol version " + version
                    + " is newer than this server speaks (" + ProtocolVersion.CURRENT + "); upgrade the server");
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType(JSON).result(ProtocolJson.write(ErrorBody.of(code, message)));
    }

    private static String abbreviate(String s) {
        return abbreviate(s, 64);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
