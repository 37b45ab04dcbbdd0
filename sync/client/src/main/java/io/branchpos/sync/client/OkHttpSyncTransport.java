package io.branchpos.sync.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchpos.sync.protocol.EnrollmentRequest;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.ErrorBody;
import io.branchpos.sync.protocol.ErrorCodes;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.ProtocolVersion;
import io.branchpos.sync.protocol.RawPayload;
import io.branchpos.sync.protocol.BatchAck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPOutputStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@link SyncTransport} over HTTP(S) with OkHttp: gzip request bodies, bounded timeouts. */
public final class OkHttpSyncTransport implements SyncTransport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OkHttpSyncTransport.class);

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    /**
     * Whether HQ said it reads payloads as raw JSON (decision 0213): set by its answers' header, so a
     * terminal sends strings to an HQ that has not said so (an older one) and raw after its first answer.
     */
    private volatile boolean rawPayloads;

    /**
     * A transport with sane timeouts: connect 5 s, read/write 30 s, whole call 60 s. OkHttp may retry
     * a request on a fresh connection when a pooled one turns out dead (NAT or proxy dropped it):
     * safe, because an upload is idempotent at HQ, and without it every stale connection costs one
     * backoff round after the network heals.
     */
    public OkHttpSyncTransport(String baseUrl) {
        this(baseUrl, new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(true)
                .build());
    }

    public OkHttpSyncTransport(String baseUrl, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.baseUrl = parsed;
        this.http = http;
    }

    @Override
    public UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
        return upload(credential, prepare(batch));
    }

    /**
     * The batch's JSON, gzipped: the body {@link #upload(TerminalCredential, Prepared)} sends. Payloads
     * raw once HQ said it reads them, else as strings.
     */
    @Override
    public Prepared prepare(EventBatch batch) {
        try {
            return new Prepared(batch, gzip(rawPayloads ? ProtocolJson.writeRawPayloads(batch) : ProtocolJson.write(batch)), rawPayloads);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // gzip into memory does not fail
        }
    }

    /** Whether the batches this transport prepares now carry raw payloads (HQ said it reads them). */
    public boolean sendsRawPayloads() {
        return rawPayloads;
    }

    @Override
    public UploadResult upload(TerminalCredential credential, Prepared prepared) throws IOException {
        if (prepared.body() == null) {
            prepared = prepare(prepared.batch());
        }
        UploadResult result = send(credential, prepared.body());
        if (prepared.rawPayloads() && result instanceof UploadResult.Rejected r && r.status() == 400) {
            // an HQ that no longer reads raw payloads (rolled back to an older version): strings from now on
            rawPayloads = false;
            log.warn("HQ refused a batch with raw payloads ({}: {}); sending payloads as strings", r.code(), r.message());
            result = send(credential, prepare(prepared.batch()).body());
        }
        return result;
    }

    private UploadResult send(TerminalCredential credential, byte[] gzipped) throws IOException {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/terminals").addPathSegment(credential.terminalId())
                .addPathSegment("batches").build();
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + credential.token())
                .header("Content-Encoding", "gzip")
                .header(ProtocolVersion.HEADER, String.valueOf(ProtocolVersion.CURRENT))
                .post(RequestBody.create(gzipped, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = body(response);
            int status = response.code();
            if (status == 200 || status == 409) {
                // HQ's own answer to a batch (not a proxy's): it says whether it reads raw payloads
                rawPayloads = "1".equals(response.header(RawPayload.ACCEPTED_HEADER));
            }
            if (status == 200) {
                return new UploadResult.Acknowledged(ProtocolJson.read(body, BatchAck.class), false);
            }
            ErrorBody error = error(body, status);
            return switch (status) {
                case 409 -> ErrorCodes.TERMINAL_BLOCKED.equals(error.code())
                        ? new UploadResult.Blocked(error.message(), error.ack())
                        : error.ack() != null ? new UploadResult.Acknowledged(error.ack(), true)
                        : new UploadResult.Rejected(status, error.code(), error.message());
                case 401 -> new UploadResult.Unauthorized(error.message());
                case 426 -> new UploadResult.UpgradeRequired(error.message());
                case 408, 425, 429, 500, 502, 503, 504 -> new UploadResult.RetryLater(retryAfter(response), status + " " + error.message());
                default -> status >= 500 ? new UploadResult.RetryLater(retryAfter(response), status + " " + error.message())
                        : new UploadResult.Rejected(status, error.code(), error.message());
            };
        } catch (JsonProcessingException e) {
            // an answer we cannot read (a proxy's HTML page, a cut body): treat as no answer
            throw new IOException("unreadable answer from HQ: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public EnrollmentResponse enroll(String enrollmentCode) throws IOException {
        Request request = new Request.Builder().url(baseUrl.newBuilder().addPathSegments("v1/enrollments").build())
                .post(RequestBody.create(ProtocolJson.write(new EnrollmentRequest(ProtocolVersion.CURRENT, enrollmentCode)), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = body(response);
            if (response.code() == 200) {
                return ProtocolJson.read(body, EnrollmentResponse.class);
            }
            ErrorBody error = error(body, response.code());
            if (response.code() == 401 || response.code() == 400) {
                throw new EnrollmentRefusedException(error.message());
            }
            throw new IOException("enrollment failed: " + response.code() + " " + error.message());
        } catch (JsonProcessingException e) {
            throw new IOException("unreadable answer from HQ: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] body(Response response) throws IOException {
        okio.BufferedSource source = response.body().source();
        if (source.request(MAX_RESPONSE_BYTES + 1L)) {
            throw new IOException("answer from HQ larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        return source.getBuffer().readByteArray();
    }

    private static ErrorBody error(byte[] body, int status) {
        try {
            ErrorBody error = ProtocolJson.read(body, ErrorBody.class);
            if (error != null && error.code() != null) {
                return error;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not our error format (a proxy or load balancer answered)
        }
        return ErrorBody.of("HTTP_" + status, "HTTP " + status);
    }

    static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return Duration.ZERO;
            }
        }
    }

    /**
     * gzip at the fastest level: journal JSON is repetitive, so level 1 already shrinks a batch ~5x,
     * at about a third of the CPU of the default level 6 (decision 0206).
     */
    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
