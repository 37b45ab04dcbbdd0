package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.ErrorBody;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Wrong credentials, foreign streams, replays and garbage: always 4xx with {code, message}, never 5xx, nothing written. */
class SecurityAndBadInputTest {

    static TestServer hq;
    static TerminalCredential t1;
    static TerminalCredential t2;
    static String validBatchOfT1;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeContainer
    @org.junit.jupiter.api.BeforeAll
    static synchronized void start() {
        if (hq != null) {
            return;
        }
        hq = TestServer.fresh();
        t1 = hq.enroll("B-SEC", "T-SEC-1");
        t2 = hq.enroll("B-SEC", "T-SEC-2");
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-SEC-1", new Random(1));
        journal.append("SALE_COMPLETED", Payloads.sale("sec-1", "SKU", "1", "2.38"), Instant.parse("2026-11-22T10:00:00Z"));
        validBatchOfT1 = ProtocolJson.writeString(new EventBatch(1, "T-SEC-1", journal.all().stream().map(OutboxEvent::toWire).toList()));
    }

    @AfterContainer
    @org.junit.jupiter.api.AfterAll
    static synchronized void stop() {
        if (hq != null) {
            hq.close();
            hq = null;
        }
    }

    record Answer(int status, ErrorBody error) {
    }

    static Answer post(String path, String token, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hq.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        ErrorBody error = r.statusCode() == 200 ? null : ProtocolJson.read(r.body(), ErrorBody.class);
        return new Answer(r.statusCode(), error);
    }

    static Answer postBatch(String terminalPath, String token, String json) throws Exception {
        return post("/v1/terminals/" + terminalPath + "/batches", token, json.getBytes(StandardCharsets.UTF_8), false);
    }

    static void assertRefused(Answer a, int status, String code, String messagePart) {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.error().code()).isEqualTo(code);
        assertThat(a.error().message()).containsIgnoringCase(messagePart);
        assertThat(hq.count("select count(*) from event")).as("nothing written").isZero();
    }

    @Test
    void aMissingTokenIsRefused() throws Exception {
        assertRefused(postBatch("T-SEC-1", null, validBatchOfT1), 401, "UNAUTHENTICATED", "missing bearer token");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        assertRefused(postBatch("T-SEC-1", "bpt_not-a-real-token", validBatchOfT1), 401, "UNAUTHENTICATED", "enrol the terminal again");
    }

    @Test
    void aTerminalCannotWriteAnotherTerminalsStream() throws Exception {
        assertRefused(postBatch("T-SEC-1", t2.token(), validBatchOfT1), 403, "FORBIDDEN", "only its own stream");
    }

    @Test
    void aReplayOfAnotherTerminalsBatchIsRefused() throws Exception {
        assertRefused(postBatch("T-SEC-2", t2.token(), validBatchOfT1), 403, "FORBIDDEN", "belongs to terminal T-SEC-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not json                 | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[   | 400 | MALFORMED_JSON  | not a valid EventBatch
            json null                | null                                                    | 400 | MALFORMED_JSON  | null
            empty body               | ``                                                      | 400 | MALFORMED_JSON  | empty
            array instead of object  | [1,2,3]                                                 | 400 | MALFORMED_JSON  | not a valid EventBatch
            string where number      | {"protocolVersion":"1","terminalId":"T-SEC-1","events":[]} | 400 | MALFORMED_JSON | not a valid EventBatch
            seq as text              | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[{"eventId":"01900000-0000-7000-8000-000000000001","seq":"one"}]} | 400 | MALFORMED_JSON | not a valid EventBatch
            no events                | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[]} | 400 | INVALID_REQUEST | at least one event
            absurd values            | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[{"eventId":"x","seq":-4,"prevHash":"0","hash":"0","type":"SALE_COMPLETED","schemaVersion":99999,"occurredAt":"1900-01-01T00:00:00Z","businessDay":"1900-01-01","payload":"{}"}]} | 400 | INVALID_REQUEST | events[0].seq must be between 1
            seq too large for long   | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[{"seq":99999999999999999999999}]} | 400 | MALFORMED_JSON | not a valid EventBatch
            bad date                 | {"protocolVersion":1,"terminalId":"T-SEC-1","events":[{"occurredAt":"yesterday"}]} | 400 | MALFORMED_JSON | not a valid EventBatch
            too old protocol         | {"protocolVersion":0,"terminalId":"T-SEC-1","events":[]} | 426 | UPGRADE_REQUIRED | upgrade the terminal
            newer protocol           | {"protocolVersion":7,"terminalId":"T-SEC-1","events":[]} | 400 | INVALID_REQUEST | newer than this server
            """)
    void badInputIsRefusedWithAClearError(String what, String body, int status, String code, String message) throws Exception {
        assertRefused(postBatch("T-SEC-1", t1.token(), body), status, code, message);
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        byte[] huge = new byte[SyncServer.DEFAULT_MAX_BODY_BYTES + 1024];
        java.util.Arrays.fill(huge, (byte) ' ');

        // The server answers 413 and closes while the client may still be writing the body; the JDK
        // client then sometimes sees the reset instead of the answer. Retry a few times: the 413 must
        // come back, and no attempt may be anything else.
        Answer answer = null;
        for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
            try {
                answer = post("/v1/terminals/T-SEC-1/batches", t1.token(), huge, false);
            } catch (java.io.IOException connectionClosedEarly) {
                // the race described above; try again
            }
        }
        assertThat(answer).as("a 413 answer within 5 attempts").isNotNull();
        assertRefused(answer, 413, "BODY_TOO_LARGE", "larger than");
    }

    @Test
    void aGzipBombIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gz.write(spaces);
            }
        }

        assertRefused(post("/v1/terminals/T-SEC-1/batches", t1.token(), out.toByteArray(), true), 413, "BODY_TOO_LARGE", "larger than");
    }

    @Test
    void aCorruptGzipBodyIsRefused() throws Exception {
        assertRefused(post("/v1/terminals/T-SEC-1/batches", t1.token(), "not gzip at all".getBytes(StandardCharsets.UTF_8), true),
                400, "MALFORMED_JSON", "gzip");
    }

    @Test
    void aGzipBodyIsAccepted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(validBatchOfT1.getBytes(StandardCharsets.UTF_8));
        }
        try {
            assertThat(post("/v1/terminals/T-SEC-1/batches", t1.token(), out.toByteArray(), true).status()).isEqualTo(200);
            assertThat(hq.count("select count(*) from event")).isEqualTo(1);
        } finally {
            try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("truncate stock_movement, stock_on_hand, sale_line, sale, event");
                st.execute("update terminal set high_water_seq = 0, last_hash = repeat('0', 64)");
            }
        }
    }

    @Test
    void aRetriedEnrollmentReplacesTheFirstTokenAndTheCodeDiesAfterTheRetryWindow() throws Exception {
        String code = hq.server.registry().createEnrollmentCode("B-SEC", "T-SEC-3");
        byte[] body = ("{\"protocolVersion\":1,\"enrollmentCode\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        String firstToken = hq.transport().enroll(code).token();

        String secondToken = hq.transport().enroll(code).token(); // the first answer was "lost"

        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(hq.server.registry().authenticate(firstToken)).isEmpty();
        assertThat(hq.server.registry().authenticate(secondToken)).isPresent();
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("update enrollment_code set used_at = used_at - interval '11 minutes' where terminal_id = 'T-SEC-3'");
        }
        assertRefused(post("/v1/enrollments", null, body, false), 401, "ENROLLMENT_CODE_INVALID", "already used");
        assertRefused(post("/v1/enrollments", null, "{\"protocolVersion\":1,\"enrollmentCode\":\"AAAA-BBBB\"}"
                .getBytes(StandardCharsets.UTF_8), false), 401, "ENROLLMENT_CODE_INVALID", "unknown");
    }

    @Test
    void anUnknownEndpointAnswersJson() throws Exception {
        Answer a = post("/v1/nothing-here", t1.token(), new byte[] {'{', '}'}, false);

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.error().code()).isEqualTo("NOT_FOUND");
    }

    @Property(tries = 150)
    void mutatedBatchesNeverCauseA5xx(@ForAll @IntRange(min = 0, max = 10_000) int position,
                                      @ForAll @IntRange(min = 0, max = 255) int replacement,
                                      @ForAll @IntRange(min = 0, max = 3) int mode) throws Exception {
        start();
        StringBuilder s = new StringBuilder(validBatchOfT1);
        int at = position % s.length();
        switch (mode) {
            case 0 -> s.setCharAt(at, (char) replacement);
            case 1 -> s.deleteCharAt(at);
            case 2 -> s.insert(at, (char) replacement);
            default -> s.setLength(at);
        }
        Answer a = postBatch("T-SEC-1", t1.token(), s.toString());

        assertThat(a.status()).isLessThan(500);
        if (a.status() != 200) {
            assertThat(a.error().code()).isNotBlank();
            assertThat(a.error().message()).isNotBlank();
        }
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("truncate stock_movement, stock_on_hand, sale_line, sale, event, quarantine, flag");
            st.execute("update terminal set high_water_seq = 0, last_hash = repeat('0', 64), blocked = false, blocked_reason = null");
        }
    }
}
