package io.branchpos.sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OkHttpSyncTransport;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.SyncTransport;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.EnrollmentResponse;
import io.branchpos.sync.protocol.EventBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded, randomised fault schedules over several terminals against the real server and PostgreSQL:
 * dropped requests, answers lost after commit, duplicated and delayed (reordered) deliveries, 503s,
 * client restarts and server restarts, with two server instances on one database, the second one
 * behind a real TCP proxy that cuts connections and swallows answers. Every schedule
 * must end, once the faults heal, with the queues drained within a bound and HQ's ledger equal to
 * the union of the terminals' journals.
 *
 * <p>{@code -Dsync.sim.schedules=2000} runs more; {@code -Dsync.sim.seed=N} replays one schedule.
 */
class FaultSimulationTest {

    private static final Logger log = LoggerFactory.getLogger(FaultSimulationTest.class);
    private static final int DRAIN_PASSES_AFTER_HEAL = 5;
    static TestServer hq;
    static OkHttpClient http;
    static final Map<String, Integer> INJECTED = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
        http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
                .retryOnConnectionFailure(true).build(); // as in OkHttpSyncTransport's default
    }

    @AfterAll
    static void stop() {
        hq.close();
        http.connectionPool().evictAll();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void everyFaultScheduleEndsWithHqEqualToTheUnionOfTheJournals() throws Exception {
        String replay = System.getProperty("sync.sim.seed");
        if (replay != null && !replay.isBlank()) {
            runOrReport(Long.parseLong(replay.trim()));
            return;
        }
        int schedules = Integer.getInteger("sync.sim.schedules", 200);
        long base = new Random().nextLong() & 0xffffffffL;
        log.info("fault simulation: {} schedules from seed {}", schedules, base);
        for (int i = 0; i < schedules; i++) {
            runOrReport(base + i);
        }
        log.info("faults injected: {}", INJECTED);
        if (schedules >= 50) {
            assertThat(INJECTED).as("the schedules really inject every kind of fault")
                    .containsKeys("dropped", "answerLost", "duplicated", "delayed", "reordered", "resendFrom", "503",
                            "serverRestart", "clientRestart", "proxyCut");
        }
    }

    private static void runOrReport(long seed) throws Exception {
        try {
            new Schedule(seed).run();
        } catch (Throwable t) {
            throw new AssertionError("fault schedule " + seed + " failed; replay it with -Dsync.sim.seed=" + seed, t);
        }
    }

    /** One terminal of a schedule: its durable journal (survives client restarts) and its current engine. */
    static final class SimTerminal {
        final String id;
        final InMemoryJournalOutbox journal;
        final CredentialStore credentials = CredentialStore.inMemory();
        final String enrollmentCode;
        SyncEngine engine;
        final List<String> sales = new ArrayList<>();
        final Map<String, Boolean> refunded = new HashMap<>();

        SimTerminal(String id, long seed, String enrollmentCode) {
            this.id = id;
            this.journal = new InMemoryJournalOutbox(id, new Random(seed));
            this.enrollmentCode = enrollmentCode;
        }
    }

    static final class Schedule {
        final long seed;
        final Random rnd;
        final String branch;
        final List<SimTerminal> terminals = new ArrayList<>();
        final SyncServer[] servers = new SyncServer[2];
        final OkHttpSyncTransport[] routes = new OkHttpSyncTransport[2];
        final List<EventBatch> held = new ArrayList<>();
        final Map<String, TerminalCredential> heldCredentials = new HashMap<>();
        boolean faults = true;
        Instant clock = Instant.parse("2026-11-22T08:00:00Z");

        Schedule(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
            this.branch = "SIM-" + seed;
        }

        /**
         * The network between tills and HQ, with faults drawn from the schedule's Random. One upload at
         * a time (the schedule's Random and held copies are not shared between threads): an engine with
         * two batches in flight (decision 0212) has its second wait here, or overtake the first.
         */
        final SyncTransport network = new SyncTransport() {
            @Override
            public synchronized UploadResult upload(TerminalCredential credential, EventBatch batch) throws IOException {
                OkHttpSyncTransport hqRoute = routes[rnd.nextInt(2)];
                if (!faults) {
                    return hqRoute.upload(credential, batch);
                }
                int roll = rnd.nextInt(100);
                INJECTED.merge(roll < 10 ? "dropped" : roll < 20 ? "answerLost" : roll < 28 ? "duplicated" : roll < 36 ? "delayed"
                        : roll < 40 ? "reordered" : roll < 44 ? "503" : "none", 1, Integer::sum);
                if (roll < 10) {
                    throw new IOException("sim: request dropped");
                } else if (roll < 20) {
                    hqRoute.upload(credential, batch);
                    throw new IOException("sim: answer lost after the server committed");
                } else if (roll < 28) {
                    hqRoute.upload(credential, batch);
                    return routes[rnd.nextInt(2)].upload(credential, batch);
                } else if (roll < 36) {
                    held.add(rnd.nextBoolean() ? batch : tail(batch));
                    heldCredentials.put(batch.terminalId(), credential);
                    throw new SocketTimeoutException("sim: request delayed in the network");
                } else if (roll < 40) {
                    // reordered: the second half of the batch overtakes the first (a gap at HQ), then the whole
                    INJECTED.merge("reorder", 1, Integer::sum);
                    UploadResult early = hqRoute.upload(credential, tail(batch));
                    if (early instanceof UploadResult.Acknowledged a && a.ack().resendFrom() != null) {
                        INJECTED.merge("resendFrom", 1, Integer::sum);
                    }
                    return routes[rnd.nextInt(2)].upload(credential, batch);
                } else if (roll < 44) {
                    return new UploadResult.RetryLater(Duration.ofSeconds(rnd.nextInt(3)), "sim: 503");
                }
                return hqRoute.upload(credential, batch);
            }

            @Override
            public EnrollmentResponse enroll(String code) throws IOException {
                if (faults && rnd.nextInt(100) < 15) {
                    throw new IOException("sim: enrollment request dropped");
                }
                return routes[rnd.nextInt(2)].enroll(code);
            }
        };

        EventBatch tail(EventBatch batch) {
            int from = batch.events().size() / 2;
            return new EventBatch(batch.protocolVersion(), batch.terminalId(), batch.events().subList(from, batch.events().size()));
        }

        FaultyTcpProxy proxy;

        void run() throws Exception {
            proxy = new FaultyTcpProxy(0);
            for (int i = 0; i < 2; i++) {
                startServer(i);
            }
            try {
                int terminalCount = 2 + rnd.nextInt(3);
                for (int t = 0; t < terminalCount; t++) {
                    String id = "S" + seed + "-T" + t;
                    SimTerminal terminal = new SimTerminal(id, seed * 31 + t, hq.server.registry().createEnrollmentCode(branch, id));
                    terminal.engine = newEngine(terminal);
                    terminals.add(terminal);
                }
                int steps = 25 + rnd.nextInt(20);
                for (int step = 0; step < steps; step++) {
                    SimTerminal t = terminals.get(rnd.nextInt(terminals.size()));
                    int action = rnd.nextInt(100);
                    if (action < 35) {
                        sell(t, 1 + rnd.nextInt(4));
                    } else if (action < 75) {
                        t.engine.drain();
                    } else if (action < 85) {
                        deliverHeld(1);
                    } else if (action < 93) {
                        t.engine = newEngine(t); // the till process restarts; its journal is durable
                        INJECTED.merge("clientRestart", 1, Integer::sum);
                    } else if (action < 97) {
                        restartServer(rnd.nextInt(2));
                        INJECTED.merge("serverRestart", 1, Integer::sum);
                    } else if (action < 99) {
                        INJECTED.merge("proxyCut", 1, Integer::sum);
                        proxy.cutAll();
                        proxy.answersToDrop.set(rnd.nextInt(2));
                        t.engine.drain();
                    } else {
                        sell(t, 1);
                        t.engine.drain();
                    }
                }
                // the faults heal; late copies still wander in
                faults = false;
                proxy.answersToDrop.set(0);
                deliverHeld(held.size());
                for (SimTerminal t : terminals) {
                    for (int pass = 0; pass < DRAIN_PASSES_AFTER_HEAL && (t.journal.pendingCount() > 0 || t.credentials.load().isEmpty()); pass++) {
                        t.engine.drain();
                    }
                    assertThat(t.journal.pendingCount()).as(t.id + " drained within " + DRAIN_PASSES_AFTER_HEAL
                                    + " passes after the faults healed; last status " + t.engine.status())
                            .isZero();
                }
                verifyLedger();
            } finally {
                proxy.close();
                for (SyncServer s : servers) {
                    s.close();
                }
            }
        }

        void startServer(int i) {
            servers[i] = new SyncServer(hq.dataSource).start("127.0.0.1", 0);
            if (i == 1) {
                // the second instance is reached through a real TCP proxy that cuts connections and swallows answers
                proxy.retarget(servers[i].port());
                routes[i] = new OkHttpSyncTransport(proxy.baseUrl(), http);
            } else {
                routes[i] = new OkHttpSyncTransport("http://127.0.0.1:" + servers[i].port(), http);
            }
        }

        void restartServer(int i) {
            servers[i].close();
            startServer(i);
        }

        SyncEngine newEngine(SimTerminal t) {
            return SyncEngine.builder().outbox(t.journal).credentials(t.credentials).transport(network)
                    .enrollmentCode(t.enrollmentCode).random(new Random(rnd.nextLong()))
                    .batchSizes(1 + rnd.nextInt(8), 8 + rnd.nextInt(8)).uploadsInFlight(1 + rnd.nextInt(2)).build();
        }

        void sell(SimTerminal t, int count) {
            for (int i = 0; i < count; i++) {
                clock = clock.plusMillis(1 + rnd.nextInt(5_000));
                int kind = rnd.nextInt(10);
                if (kind < 7 || t.sales.isEmpty()) {
                    String saleId = t.id + "-s" + t.journal.all().size();
                    t.journal.append("SALE_COMPLETED", Payloads.sale(saleId, "SKU-" + rnd.nextInt(3), String.valueOf(1 + rnd.nextInt(3)), "1.00"), clock);
                    t.sales.add(saleId);
                } else if (kind < 8) {
                    String saleId = t.sales.get(rnd.nextInt(t.sales.size()));
                    if (t.refunded.putIfAbsent(saleId, true) == null) {
                        String sku = skuOf(t, saleId);
                        t.journal.append("REFUND_COMPLETED", Payloads.refund(saleId + "-r", saleId, sku, "1", "1.00"), clock);
                    }
                } else if (kind < 9) {
                    t.journal.append("STOCK_MOVEMENT", Payloads.stock(t.id + "-m" + t.journal.all().size(), "SKU-" + rnd.nextInt(3),
                            String.valueOf(rnd.nextInt(20) - 5)), clock);
                } else {
                    t.journal.append("CASH_MOVEMENT", Payloads.cash(t.id + "-c" + t.journal.all().size(), "20.00"), clock);
                }
            }
        }

        static String skuOf(SimTerminal t, String saleId) {
            return t.journal.all().stream().filter(e -> e.type().equals("SALE_COMPLETED") && e.payload().contains("\"" + saleId + "\""))
                    .map(e -> e.payload().replaceAll(".*\"sku\":\"(SKU-\\d)\".*", "$1")).findFirst().orElseThrow();
        }

        void deliverHeld(int count) {
            for (int i = 0; i < count && !held.isEmpty(); i++) {
                EventBatch batch = held.remove(rnd.nextInt(held.size()));
                try {
                    routes[rnd.nextInt(2)].upload(heldCredentials.get(batch.terminalId()), batch);
                } catch (IOException e) {
                    // a late copy that fails is as good as lost
                }
            }
        }

        void verifyLedger() {
            BigDecimal expectedStock = BigDecimal.ZERO;
            for (SimTerminal t : terminals) {
                List<OutboxEvent> journal = t.journal.all();
                List<String> atHq = hq.rows("select event_id::text from event where terminal_id = ? order by seq", t.id).stream()
                        .map(r -> (String) r.get(0)).toList();
                assertThat(atHq).as(t.id + ": HQ holds exactly the journal, in order").containsExactlyElementsOf(
                        journal.stream().map(OutboxEvent::eventId).toList());
                assertThat(hq.count("select count(*) from sale where terminal_id = ?", t.id))
                        .isEqualTo(journal.stream().filter(e -> e.type().equals("SALE_COMPLETED")).count());
                assertThat(hq.count("select count(*) from refund where terminal_id = ?", t.id))
                        .isEqualTo(journal.stream().filter(e -> e.type().equals("REFUND_COMPLETED")).count());
                assertThat(hq.count("select count(*) from cash_movement where terminal_id = ?", t.id))
                        .isEqualTo(journal.stream().filter(e -> e.type().equals("CASH_MOVEMENT")).count());
                assertThat(hq.count("select count(*) from quarantine where terminal_id = ?", t.id)).isZero();
                assertThat(hq.count("select count(*) from flag where terminal_id = ?", t.id)).isZero();
                for (OutboxEvent e : journal) {
                    expectedStock = expectedStock.add(stockDelta(e));
                }
            }
            BigDecimal atHq = (BigDecimal) hq.single("select coalesce(sum(quantity), 0) from stock_on_hand where branch_id = ?", branch);
            assertThat(atHq).as("stock on hand of the branch").isEqualByComparingTo(expectedStock);
        }

        static BigDecimal stockDelta(OutboxEvent e) {
            String q = e.payload().replaceAll(".*\"quantity\":\"(-?[0-9.]+)\".*", "$1");
            return switch (e.type()) {
                case "SALE_COMPLETED" -> new BigDecimal(q).negate();
                case "REFUND_COMPLETED", "STOCK_MOVEMENT" -> new BigDecimal(q);
                default -> BigDecimal.ZERO;
            };
        }
    }
}
