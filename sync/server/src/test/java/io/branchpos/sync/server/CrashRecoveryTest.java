package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server, a PostgreSQL restart, and kill -9 of the till, all mid-stream: nothing lost, nothing doubled. */
class CrashRecoveryTest {

    static TestServer hq;
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static SyncEngine fastEngine(InMemoryJournalOutbox journal, TerminalCredential credential, String baseUrl) {
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.save(credential);
        return SyncEngine.builder().outbox(journal).credentials(credentials).serverUrl(baseUrl).batchSizes(10, 25)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).idleInterval(Duration.ofMillis(200)).build();
    }

    static void assertStreamEquals(String terminal, List<OutboxEvent> journal) {
        List<String> atHq = hq.rows("select event_id::text from event where terminal_id = ? order by seq", terminal).stream()
                .map(r -> (String) r.get(0)).toList();
        assertThat(atHq).containsExactlyElementsOf(journal.stream().map(OutboxEvent::eventId).toList());
        assertThat(hq.count("select count(*) from sale where terminal_id = ?", terminal)).isEqualTo(journal.size());
        assertThat(hq.count("select high_water_seq from terminal where terminal_id = ?", terminal)).isEqualTo(journal.size());
    }

    static Process startServerChild(Path portFile) throws Exception {
        Files.deleteIfExists(portFile);
        Process p = ChildProcesses.spawn(ChildProcesses.ServerChild.class, hq.jdbcUrl, portFile.toString());
        await("the child server to start", Duration.ofSeconds(60), () -> Files.exists(portFile) || !p.isAlive());
        assertThat(p.isAlive()).as("child server started").isTrue();
        return p;
    }

    @Test
    void killingTheServerMidIngestLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
        String terminal = "T-KILL-SERVER";
        TerminalCredential credential = hq.enroll("B-KILL", terminal);
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox(terminal, new Random(11));
        for (int i = 0; i < 600; i++) {
            journal.append("SALE_COMPLETED", Payloads.sale("ks-" + i, "SKU-KS", "1", "1.00"), T0.plusSeconds(i));
        }
        Path portFile = dir.resolve("port");
        Process server = startServerChild(portFile);
        try (FaultyTcpProxy proxy = new FaultyTcpProxy(ChildProcesses.readPort(portFile).orElseThrow());
             SyncEngine engine = fastEngine(journal, credential, proxy.baseUrl())) {
            engine.start();
            for (long threshold : new long[] {100, 300}) {
                await(threshold + " events at HQ", Duration.ofSeconds(60),
                        () -> hq.count("select count(*) from event where terminal_id = ?", terminal) >= threshold);
                server.destroyForcibly(); // SIGKILL
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                server = startServerChild(portFile);
                proxy.retarget(ChildProcesses.readPort(portFile).orElseThrow());
                engine.nudge();
            }
            await("the queue to drain", Duration.ofSeconds(120), () -> journal.pendingCount() == 0);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertStreamEquals(terminal, journal.all());
    }

    @Test
    void restartingPostgresMidStreamLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        EmbeddedPostgres pg = Databases.startEmbedded(dir, pgPort);
        HikariDataSource ds = Databases.pool(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        Databases.migrate(ds);
        String terminal = "T-PG-RESTART";
        try (SyncServer server = new SyncServer(ds).start("127.0.0.1", 0)) {
            String code = server.registry().createEnrollmentCode("B-PG", terminal);
            InMemoryJournalOutbox journal = new InMemoryJournalOutbox(terminal, new Random(12));
            for (int i = 0; i < 500; i++) {
                journal.append("SALE_COMPLETED", Payloads.sale("pg-" + i, "SKU-PG", "1", "1.00"), T0.plusSeconds(i));
            }
            SyncEngine engine = SyncEngine.builder().outbox(journal).credentials(CredentialStore.inMemory())
                    .serverUrl("http://127.0.0.1:" + server.port()).enrollmentCode(code).batchSizes(10, 25)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).idleInterval(Duration.ofMillis(200)).build();
            try (engine) {
                engine.start();
                await("150 events at HQ", Duration.ofSeconds(60), () -> count(ds, terminal) >= 150);
                pg.close(); // fast shutdown: in-flight transactions are aborted
                pg = Databases.startEmbedded(dir, pgPort);
                engine.nudge();
                await("the queue to drain", Duration.ofSeconds(120), () -> journal.pendingCount() == 0);
            }
            try (var c = ds.getConnection(); var ps = c.prepareStatement("select event_id::text from event where terminal_id = ? order by seq")) {
                ps.setString(1, terminal);
                List<String> ids = new java.util.ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                assertThat(ids).containsExactlyElementsOf(journal.all().stream().map(OutboxEvent::eventId).toList());
            }
        } finally {
            ds.close();
            pg.close();
        }
    }

    private static long count(HikariDataSource ds, String terminal) {
        try (var c = ds.getConnection(); var ps = c.prepareStatement("select count(*) from event where terminal_id = ?")) {
            ps.setString(1, terminal);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    @Test
    void killingTheTillMidUploadLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
        String terminal = "T-KILL-TILL";
        TerminalCredential credential = hq.enroll("B-KILL", terminal);
        Path h2 = dir.resolve("journal");
        long[] thresholds = {60, 200};
        for (long threshold : thresholds) {
            Process till = ChildProcesses.spawn(ChildProcesses.TillChild.class, h2.toString(), terminal, credential.token(),
                    credential.branchId(), hq.baseUrl(), "250");
            try {
                await(threshold + " events at HQ", Duration.ofSeconds(90), () -> !till.isAlive()
                        || hq.count("select count(*) from event where terminal_id = ?", terminal) >= threshold);
                assertThat(till.isAlive()).as("till child still running").isTrue();
            } finally {
                till.destroyForcibly(); // SIGKILL, mid-upload and mid-sale
                till.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (H2JournalOutbox journal = new H2JournalOutbox(h2, terminal)) {
            assertThat(journal.pendingCount()).as("the kill left work behind").isPositive();
            CredentialStore credentials = CredentialStore.inMemory();
            credentials.save(credential);
            SyncEngine engine = SyncEngine.builder().outbox(journal).credentials(credentials).serverUrl(hq.baseUrl()).build();
            for (int pass = 0; pass < 50 && journal.pendingCount() > 0; pass++) {
                engine.drain();
            }
            assertThat(journal.pendingCount()).isZero();
            assertStreamEquals(terminal, journal.eventsFrom(1, Integer.MAX_VALUE));
        }
    }
}
