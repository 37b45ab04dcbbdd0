package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchpos.sync.server.operator.OperatorService.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operator actions need their role and are audited; the console shows a quarantined event (also in headless Chromium). */
class OperatorConsoleTest {
    private static TestServer hq;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static long quarantineId;

    @BeforeAll
    static void start() throws Exception {
        hq = TestServer.fresh();
        hq.enroll("BR-7", "T-701");
        hq.rows("update terminal set blocked = true, blocked_reason = 'sequence went backwards at 12' where terminal_id = 'T-701' returning 1");
        hq.rows("insert into quarantine (terminal_id, event_id, seq, kind, reason, type, payload, payload_hash, consumes_seq) values "
                + "('T-701', '0193aaaa-0000-7000-8000-000000000001', 5, 'INVALID', 'invalid SALE_COMPLETED payload: lines[0].quantity <script>', "
                + "'SALE_COMPLETED', '{\"saleId\":\"x\"}', repeat('a', 64), true) returning quarantine_id");
        quarantineId = hq.count("select quarantine_id from quarantine");
        hq.server.operators().createOperator("vera", "viewer-secret-1", EnumSet.of(Role.VIEWER));
        hq.server.operators().createOperator("sam", "support-secret-1", EnumSet.of(Role.SUPPORT));
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    static HttpResponse<String> call(String method, String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hq.baseUrl() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheRoleAnActionIsDeniedAndAuditedWithItTheActionIsDoneAndAudited() throws Exception {
        assertEquals(401, call("POST", "/v1/operator/terminals/T-701/release?reason=checked", null, null).statusCode());
        assertEquals(401, call("POST", "/v1/operator/terminals/T-701/release?reason=checked", "sam", "wrong-password").statusCode());
        assertEquals(403, call("POST", "/v1/operator/terminals/T-701/release?reason=checked", "vera", "viewer-secret-1").statusCode());
        assertEquals(true, hq.single("select blocked from terminal where terminal_id = 'T-701'"));
        assertEquals(400, call("POST", "/v1/operator/terminals/T-701/release", "sam", "support-secret-1").statusCode(), "no reason");
        assertEquals(200, call("POST", "/v1/operator/terminals/T-701/release?reason=disk%20restored%20by%20IT", "sam", "support-secret-1")
                .statusCode());
        assertEquals(false, hq.single("select blocked from terminal where terminal_id = 'T-701'"));
        List<List<Object>> audit = hq.rows("select operator, action, target, reason, outcome from audit_log where action = 'RELEASE_TERMINAL' order by audit_id");
        assertEquals(List.of(List.of("vera", "RELEASE_TERMINAL", "T-701", "checked", "DENIED"),
                List.of("sam", "RELEASE_TERMINAL", "T-701", "disk restored by IT", "OK")), audit);
        assertEquals(403, call("POST", "/v1/operator/terminals/T-701/revoke?reason=stolen", "sam", "support-secret-1").statusCode(),
                "revoking needs ADMIN");
    }

    @Test
    void confirmingAMassRemovalNeedsAdminAndMarksTheDeactivationsSinceThenIntended() throws Exception {
        hq.server.operators().createOperator("ada", "admin-secret-1", EnumSet.of(Role.ADMIN));
        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        new io.branchpos.sync.server.catalog.CatalogService(hq.dataSource).write("test", c -> {
            c.upsertTax("STD", new java.math.BigDecimal("19"), "standard");
            for (String sku : List.of("X1", "X2", "X3")) {
                c.upsertProduct(new io.branchpos.sync.server.catalog.CatalogChanges.ProductRow(sku, sku, "Cat", "STD", "PIECE", "EUR",
                        true, false, List.of()));
            }
            c.deactivate("X1", false);
            c.deactivate("X2", false);
            return null;
        });
        String path = "/v1/operator/catalog/confirm-removal?since=" + since + "&reason=new%20assortment";
        assertEquals(403, call("POST", path, "sam", "support-secret-1").statusCode());
        assertEquals(0L, hq.count("select count(*) from feed_change where intended"));
        assertEquals(400, call("POST", "/v1/operator/catalog/confirm-removal?since=yesterday&reason=x", "ada", "admin-secret-1").statusCode());
        assertEquals(200, call("POST", path, "ada", "admin-secret-1").statusCode());
        assertEquals(List.of(List.of("X1"), List.of("X2")), hq.rows("select entity_key from feed_change where intended order by entity_key"));
        assertEquals(List.of(List.of("sam", "DENIED"), List.of("ada", "OK")),
                hq.rows("select operator, outcome from audit_log where action = 'CONFIRM_REMOVAL' order by audit_id"));
    }

    @Test
    void resolvingAQuarantinedEventTwiceResolvesItOnceAndAuditsBoth() throws Exception {
        hq.server.operators().createOperator("sue", "support-secret-2", EnumSet.of(Role.SUPPORT));
        String path = "/v1/operator/quarantine/" + quarantineId + "/resolve?reason=sale%20re-entered%20by%20manager";
        // a fresh quarantine row for this test, the console test keeps the first one
        long id = hq.count("insert into quarantine (terminal_id, event_id, seq, kind, reason, type, payload, payload_hash, consumes_seq) values "
                + "('T-701', '0193aaaa-0000-7000-8000-000000000002', 6, 'INVALID', 'bad', 'SALE_COMPLETED', '{}', repeat('b', 64), true) "
                + "returning quarantine_id");
        path = "/v1/operator/quarantine/" + id + "/resolve?reason=sale%20re-entered%20by%20manager";
        assertEquals(200, call("POST", path, "sue", "support-secret-2").statusCode());
        Object first = hq.single("select resolved_at from quarantine where quarantine_id = ?", id);
        assertEquals(200, call("POST", path, "sue", "support-secret-2").statusCode());
        assertEquals(first, hq.single("select resolved_at from quarantine where quarantine_id = ?", id), "second time changes nothing");
        assertEquals(List.of(List.of("OK", "resolved"), List.of("OK", "already resolved")),
                hq.rows("select outcome, detail from audit_log where action = 'RESOLVE_QUARANTINE' and target = ? order by audit_id",
                        String.valueOf(id)));
    }

    @Test
    void theConsoleListsTerminalsAndTheQuarantinedEventWithItsReasonEscaped() throws Exception {
        assertEquals(401, call("GET", "/console", null, null).statusCode());
        HttpResponse<String> page = call("GET", "/console", "vera", "viewer-secret-1");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("T-701"), page.body());
        assertTrue(page.body().contains("lines[0].quantity &lt;script&gt;"), page.body());
    }

    @Test
    void theConsoleLoadsInHeadlessChromiumAndShowsTheQuarantinedEvent() throws Exception {
        new ProcessBuilder("bash", "../../.ci/ensure-tools.sh", "chromium").inheritIO().start().waitFor(10, TimeUnit.MINUTES);
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Path profile = Files.createTempDirectory("chromium-profile");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                "--dump-dom", "http://vera:viewer-secret-1@127.0.0.1:" + hq.server.port() + "/console")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
        assertTrue(dom.contains("id=\"quarantine\"") && dom.contains("invalid SALE_COMPLETED payload"),
                "chromium did not render the quarantined event:\n" + dom);
    }
}
