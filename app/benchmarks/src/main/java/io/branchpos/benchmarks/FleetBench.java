package io.branchpos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.protocol.ProtocolVersion;
import io.branchpos.sync.server.SyncServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Target 8: many terminals upload at once, each in a closed loop (send a batch, wait for the
 * acknowledgement, send the next), first to one server instance, then round-robin over two
 * instances on the same database. Afterwards every terminal re-sends its last batch (an
 * acknowledgement lost on the way) and HQ is checked for exactly-once.
 */
final class FleetBench {
    private static final Pattern SALE_ID = Pattern.compile("\"saleId\":\"([^\"]+)\"");
    private static final Pattern RECEIPT = Pattern.compile("\"receiptNumber\":\"([^\"]+)\"");

    private FleetBench() {
    }

    private static final class Terminal {
        final TerminalCredential credential;
        final InMemoryJournalOutbox outbox;
        final Random random;
        List<OutboxEvent> lastBatch = List.of();
        long acked;
        long receipts;

        Terminal(TerminalCredential credential, long seed) {
            this.credential = credential;
            this.random = new Random(seed);
            this.outbox = new InMemoryJournalOutbox(credential.terminalId(), random);
        }
    }

    static List<Row> run(EmbeddedPostgres pg, Scale scale, List<String> payloads) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (HikariDataSource ds = HqBench.freshDatabase(pg, "fleet")) {
            SyncServer a = new SyncServer(ds).start("127.0.0.1", 0);
            HikariDataSource ds2 = io.branchpos.sync.server.db.Databases.pool(
                    pg.getJdbcUrl("postgres", "fleet"), "postgres", "postgres");
            SyncServer b = new SyncServer(ds2).start("127.0.0.1", 0);
            OkHttpClient http = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(scale.terminals() * 2, 5, TimeUnit.MINUTES))
                    .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                    .callTimeout(Duration.ofSeconds(60)).build();
            ExecutorService pool = Executors.newFixedThreadPool(scale.terminals());
            try {
                OkHttpSyncTransport toA = new OkHttpSyncTransport("http://127.0.0.1:" + a.port(), http);
                OkHttpSyncTransport toB = new OkHttpSyncTransport("http://127.0.0.1:" + b.port(), http);
                BenchMain.step("target 8: enrol " + scale.terminals() + " terminals");
                ExecutorService enrolling = Executors.newFixedThreadPool(4);
                List<Terminal> terminals;
                try {
                    terminals = enrol(a, toA, scale.terminals(), enrolling);
                } finally {
                    enrolling.shutdown();
                }
                BenchMain.step("target 8: " + scale.terminals() + " terminals → one instance, " + scale.fleetSeconds() + " s");
                rows.addAll(phase("one instance", terminals, List.of(toA), scale, payloads, pool, ds));
                BenchMain.step("target 8: " + scale.terminals() + " terminals → two instances, " + scale.fleetSeconds() + " s");
                rows.addAll(phase("two instances", terminals, List.of(toA, toB), scale, payloads, pool, ds));
            } finally {
                pool.shutdownNow();
                a.close();
                b.close();
                ds2.close();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
        return rows;
    }

    private static List<Terminal> enrol(SyncServer server, OkHttpSyncTransport transport, int n, ExecutorService pool)
            throws Exception {
        List<Future<Terminal>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                String terminal = String.format("F-%04d", k);
                String code = server.registry().createEnrollmentCode(String.format("B-%03d", k / 5), terminal);
                EnrollmentResponse r = transport.enroll(code);
                return new Terminal(new TerminalCredential(r.terminalId(), r.branchId(), r.token()), k);
            }));
        }
        List<Terminal> out = new ArrayList<>();
        for (Future<Terminal> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static List<Row> phase(String name, List<Terminal> terminals, List<OkHttpSyncTransport> servers,
            Scale scale, List<String> payloads, ExecutorService pool, HikariDataSource ds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(scale.fleetSeconds());
        AtomicLong errors = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong events = new AtomicLong();
        List<Future<Samples>> futures = new ArrayList<>();
        long eventsBefore = HqBench.count(ds, "select count(*) from event");
        long t0 = System.nanoTime();
        for (Terminal t : terminals) {
            futures.add(pool.submit(() -> {
                Samples s = new Samples();
                int turn = t.random.nextInt(servers.size());
                while (System.nanoTime() < deadline) {
                    List<OutboxEvent> batch = new ArrayList<>();
                    for (int i = 0; i < scale.fleetBatch(); i++) {
                        batch.add(t.outbox.append("SALE_COMPLETED", payload(t, payloads), Instant.now()));
                    }
                    boolean done = false;
                    while (!done) {
                        OkHttpSyncTransport transport = servers.get(turn++ % servers.size());
                        long a = System.nanoTime();
                        try {
                            UploadResult r = transport.upload(t.credential, new EventBatch(ProtocolVersion.CURRENT,
                                    t.credential.terminalId(), batch.stream().map(OutboxEvent::toWire).toList()));
                            s.add(System.nanoTime() - a);
                            if (r instanceof UploadResult.Acknowledged ack && !ack.conflict()
                                    && ack.ack().acceptedThroughSeq() == batch.get(batch.size() - 1).seq()
                                    && ack.ack().applied() + ack.ack().duplicates() == batch.size()
                                    && ack.ack().quarantined().isEmpty()) {
                                // duplicates only after a lost answer (a timeout below): HQ had committed it
                                done = true;
                            } else if (r instanceof UploadResult.RetryLater later) {
                                // HQ is saturated (503 + Retry-After): the engine waits as told, so do we
                                busy.incrementAndGet();
                                Thread.sleep(Math.max(100, later.retryAfter().toMillis()));
                            } else {
                                errors.incrementAndGet();
                                System.err.println(t.credential.terminalId() + ": " + r);
                                Thread.sleep(100);
                            }
                        } catch (java.io.IOException e) {
                            errors.incrementAndGet();
                            System.err.println(t.credential.terminalId() + ": " + e);
                            Thread.sleep(100);
                        }
                    }
                    t.lastBatch = batch;
                    t.acked = batch.get(batch.size() - 1).seq();
                    events.addAndGet(batch.size());
                }
                return s;
            }));
        }
        Samples all = new Samples();
        for (Future<Samples> f : futures) {
            all.addAll(f.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // every terminal's last acknowledgement is "lost": it sends the batch again
        long resentApplied = 0;
        long resentDuplicates = 0;
        for (Terminal t : terminals) {
            UploadResult r = servers.get(servers.size() - 1).upload(t.credential, new EventBatch(ProtocolVersion.CURRENT,
                    t.credential.terminalId(), t.lastBatch.stream().map(OutboxEvent::toWire).toList()));
            if (r instanceof UploadResult.Acknowledged ack) {
                resentApplied += ack.ack().applied();
                resentDuplicates += ack.ack().duplicates();
            } else {
                errors.incrementAndGet();
            }
        }
        long sent = events.get();
        long stored = HqBench.count(ds, "select count(*) from event") - eventsBefore;
        long distinct = HqBench.count(ds, "select count(distinct event_id) from event");
        long total = HqBench.count(ds, "select count(*) from event");
        long sales = HqBench.count(ds, "select count(*) from sale");
        long hwmMismatch = 0;
        for (Terminal t : terminals) {
            hwmMismatch += HqBench.count(ds, "select count(*) from terminal where terminal_id = '"
                    + t.credential.terminalId() + "' and high_water_seq <> " + t.acked);
        }
        long duplicates = (stored - sent) + (total - distinct) + (total - sales) + resentApplied + hwmMismatch;
        double rate = sent / seconds;
        double p99 = Samples.millis(all.percentile(99));
        String batch = scale.fleetBatch() + "-event batches";
        boolean clean = errors.get() == 0 && duplicates == 0 && busy.get() == 0;
        return List.of(
                Row.info("8", scale.terminals() + " terminals, " + name + ": throughput", rate, "events/s",
                        String.format("%d s, %s, %,d batches (%.0f/s); closed loop, no think time",
                                scale.fleetSeconds(), batch, all.count(), all.count() / seconds)),
                Row.info("8", scale.terminals() + " terminals, " + name + ": upload p50",
                        Samples.millis(all.percentile(50)), "ms", "per batch, HTTP round trip incl. gzip and commit"),
                Row.info("8", scale.terminals() + " terminals, " + name + ": upload p99", p99, "ms",
                        String.format("max %.0f ms", Samples.millis(all.max()))),
                Row.measured("8", scale.terminals() + " terminals, " + name + ": errors / duplicates",
                        errors.get() + duplicates + busy.get(), "count", "0 and 0", clean, null, null,
                        String.format("%d errors, %d duplicates, %d answers 503 busy (retried after Retry-After, nothing"
                                + " lost); %,d events acknowledged = %,d stored; last batch of every"
                                + " terminal re-sent: %,d answered as duplicates, %d applied again",
                                errors.get(), duplicates, busy.get(), sent, stored, resentDuplicates, resentApplied)));
    }

    private static String payload(Terminal t, List<String> templates) {
        String template = templates.get(t.random.nextInt(templates.size()));
        Matcher sale = SALE_ID.matcher(template);
        Matcher receipt = RECEIPT.matcher(template);
        if (!sale.find() || !receipt.find()) {
            throw new IllegalStateException("template payload without saleId/receiptNumber");
        }
        return template.replace(sale.group(1), new UUID(t.random.nextLong(), t.random.nextLong()).toString())
                .replace("\"" + receipt.group(1) + "\"",
                        "\"" + t.credential.terminalId() + "-" + String.format("%06d", ++t.receipts) + "\"");
    }
}
