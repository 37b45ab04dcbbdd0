package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.ProtocolVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract: every recorded fixture of every protocol version ({@code sync/protocol/src/test/resources/fixtures/v*})
 * is still accepted, byte for byte, by the current server (or, below {@code MIN_SUPPORTED}, told to upgrade).
 */
class ContractFixturesTest {

    static TestServer hq;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    static Stream<Path> fixtures() throws Exception {
        Path root = Path.of(ContractFixturesTest.class.getResource("/fixtures").toURI());
        // response-*.json are answers, checked against the client types in RecordedFixturesTest (protocol)
        return Files.walk(root).filter(p -> p.toString().endsWith(".json"))
                .filter(p -> !p.getFileName().toString().startsWith("response-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyRecordedFixtureIsStillAccepted(Path fixture) throws Exception {
        byte[] body = Files.readAllBytes(fixture);
        JsonNode json = ProtocolJson.mapper().readTree(body);
        String name = fixture.getFileName().toString();
        int version = Integer.parseInt(fixture.getParent().getFileName().toString().substring(1));
        assertThat(version).as("fixtures live in folders v1, v2, …").isPositive();
        if (version < ProtocolVersion.MIN_SUPPORTED) {
            // a version HQ no longer speaks: its terminals must be told to upgrade (and keep their queue)
            String path = name.startsWith("batch-") ? "/v1/terminals/" + json.get("terminalId").asText() + "/batches" : "/v1/enrollments";
            String token = name.startsWith("batch-") ? hq.enroll("B-FIX", json.get("terminalId").asText()).token() : null;
            assertThat(post(path, token, body).statusCode()).isEqualTo(426);
            return;
        }
        if (name.startsWith("batch-")) {
            String terminalId = json.get("terminalId").asText();
            TerminalCredential credential = hq.enroll("B-FIX", terminalId);

            HttpResponse<byte[]> r = post("/v1/terminals/" + terminalId + "/batches", credential.token(), body);

            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
            BatchAck ack = ProtocolJson.read(r.body(), BatchAck.class);
            JsonNode events = json.get("events");
            assertThat(ack.acceptedThroughSeq()).isEqualTo(events.get(events.size() - 1).get("seq").asLong());
            assertThat(ack.quarantined()).as("nothing quarantined").isEmpty();
            assertThat(ack.applied()).isEqualTo(events.size());
        } else if (name.startsWith("enrollment-request")) {
            String code = hq.server.registry().createEnrollmentCode("B-FIX", "T-FIX-ENROL-" + fixture.getParent().getFileName());
            ((ObjectNode) json).put("enrollmentCode", code);

            HttpResponse<byte[]> r = post("/v1/enrollments", null, ProtocolJson.mapper().writeValueAsBytes(json));

            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        } else {
            throw new AssertionError("fixture of unknown kind: " + fixture + " (name it batch-* or enrollment-request*)");
        }
    }

    private static HttpResponse<byte[]> post(String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hq.baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
