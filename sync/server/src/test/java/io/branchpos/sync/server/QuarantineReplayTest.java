package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.JournalHash;
import io.branchpos.sync.protocol.WireEvent;
import io.branchpos.sync.server.operator.OperatorService.Role;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 6: an operator replays a quarantined event through ingest and its projections — once, audited, only with the role. */
class QuarantineReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static TestServer hq;
    private static OkHttpSyncTransport transport;

    @BeforeAll
    static void start() throws Exception {
        hq = TestServer.fresh();
        transport = hq.transport();
        hq.server.operators().createOperator("vera", "viewer-secret-1", EnumSet.of(Role.VIEWER));
        hq.server.operators().createOperator("sam", "support-secret-1", EnumSet.of(Role.SUPPORT));
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    private static HttpResponse<String> replay(long quarantineId, String user, String password, String reason) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hq.baseUrl() + "/v1/operator/quarantine/" + quarantineId
                        + "/replay?reason=" + reason.replace(" ", "%20")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = hq.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static BatchAck upload(TerminalCredential credential, InMemoryJournalOutbox journal) throws Exception {
        UploadResult r = transport.upload(credential, new EventBatch(1, credential.terminalId(),
                journal.eventsFrom(1, 100).stream().map(OutboxEvent::toWire).toList()));
        assertThat(r).isInstanceOf(UploadResult.Acknowledged.class);
        return ((UploadResult.Acknowledged) r).ack();
    }

    private static BigDecimal onHand(String branch, String sku) {
        return (BigDecimal) hq.single("select quantity from stock_on_hand where branch_id = ? and sku = ?", branch, sku);
    }

    @Test
    void aReplayedEventIsAppliedOnceEvenWhenReplayedTwiceOnlyWithTheRoleAndEveryAttemptIsAudited() throws Exception {
        TerminalCredential till = hq.enroll("B-R1", "T-R1");
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-R1", new Random(1));
        // a cause HQ's operator can fix: a constraint (standing in for any value PostgreSQL refuses) holds the first sale back
        sql("alter table sale add constraint replay_test_holds_sale check (sale_id <> 'held-1')");
        journal.append("SALE_COMPLETED", Payloads.sale("held-1", "SKU-R", "2", "2.38"), T0);
        journal.append("SALE_COMPLETED", Payloads.sale("ok-2", "SKU-R", "1", "1.19"), T0.plusSeconds(1));

        BatchAck ack = upload(till, journal);
        assertThat(ack.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.seq()).isEqualTo(1);
            assertThat(q.reason()).contains("could not be applied at HQ (23514)");
        });
        assertThat(onHand("B-R1", "SKU-R")).isEqualByComparingTo("-1");
        long id = hq.count("select quarantine_id from quarantine where terminal_id = 'T-R1'");

        assertThat(replay(id, "vera", "viewer-secret-1", "looks fine").statusCode()).as("a viewer may not replay").isEqualTo(403);
        HttpRequest fromAnotherSite = HttpRequest.newBuilder(URI.create(hq.baseUrl() + "/v1/operator/quarantine/" + id + "/replay"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sam:support-secret-1".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("reason=evil")).build();
        // the JDK client may not set Origin itself; a page on another site would
        assertThat(http.send(HttpRequest.newBuilder(fromAnotherSite, (n, v) -> true).header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("a cross-site form post").isEqualTo(403);
        HttpResponse<String> stillFails = replay(id, "sam", "support-secret-1", "try before the fix");
        assertThat(stillFails.statusCode()).isEqualTo(409);
        assertThat(stillFails.body()).contains("REPLAY_REFUSED").contains("still fails");
        assertThat(hq.count("select count(*) from sale where sale_id = 'held-1'")).isZero();
        assertThat(hq.single("select status from event where seq = 1 and terminal_id = 'T-R1'")).isEqualTo("QUARANTINED");

        sql("alter table sale drop constraint replay_test_holds_sale");
        HttpResponse<String> first = replay(id, "sam", "support-secret-1", "constraint removed");
        HttpResponse<String> second = replay(id, "sam", "support-secret-1", "clicked twice");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("replayed");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("already replayed");
        assertThat(hq.count("select count(*) from sale where sale_id = 'held-1'")).isEqualTo(1);
        assertThat(hq.count("select count(*) from stock_movement m join event e on e.event_id = m.event_id "
                + "where e.terminal_id = 'T-R1' and e.seq = 1")).isEqualTo(1);
        assertThat(onHand("B-R1", "SKU-R")).as("the replayed sale moved stock once").isEqualByComparingTo("-3");
        assertThat(hq.rows("select status, quarantine_reason from event where seq = 1 and terminal_id = 'T-R1'"))
                .containsExactly(java.util.Arrays.asList("APPLIED", null));
        assertThat(hq.single("select resolution from quarantine where quarantine_id = ?", id)).isEqualTo("REPLAYED");
        assertThat(hq.rows("select operator, outcome from audit_log where action = 'REPLAY_QUARANTINE' and target = ? order by audit_id",
                String.valueOf(id))).containsExactly(List.of("vera", "DENIED"), List.of("sam", "FAILED"), List.of("sam", "OK"),
                List.of("sam", "OK"));
        assertThat(hq.single("select detail from audit_log where action = 'REPLAY_QUARANTINE' and target = ? order by audit_id desc limit 1",
                String.valueOf(id))).isEqualTo("already replayed");

        BatchAck resent = upload(till, journal);
        assertThat(resent.duplicates()).as("the terminal re-sending changes nothing").isEqualTo(2);
        assertThat(resent.applied()).isZero();
        assertThat(onHand("B-R1", "SKU-R")).isEqualByComparingTo("-3");
    }

    @Test
    void aConflictingCopyIsNeverReplayedTheFirstVersionStands() throws Exception {
        TerminalCredential till = hq.enroll("B-R2", "T-R2");
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox("T-R2", new Random(2));
        OutboxEvent original = journal.append("SALE_COMPLETED", Payloads.sale("c-1", "SKU-C", "1", "1.19"), T0);
        upload(till, journal);
        String forged = Payloads.sale("c-1", "SKU-C", "100", "119.00");
        WireEvent tampered = new WireEvent(original.eventId(), 1, original.prevHash(),
                JournalHash.compute(original.prevHash(), original.eventId(), "T-R2", 1, original.type(), 1, original.businessDay(),
                        original.occurredAt().toEpochMilli(), forged),
                original.type(), 1, original.occurredAt(), original.businessDay(), forged);
        transport.upload(till, new EventBatch(1, "T-R2", List.of(tampered)));
        long id = hq.count("select quarantine_id from quarantine where terminal_id = 'T-R2' and kind = 'CONFLICT'");

        HttpResponse<String> r = replay(id, "sam", "support-secret-1", "let us see");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("first version stands");
        assertThat((BigDecimal) hq.single("select gross from sale where sale_id = 'c-1'")).isEqualByComparingTo("1.19");
        assertThat(hq.single("select resolved_at from quarantine where quarantine_id = ?", id)).isNull();
    }
}
