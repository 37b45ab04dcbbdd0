package io.branchpos.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.branchpos.desktop.sync.StoreJournalOutbox;
import io.branchpos.store.LocalStore;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.journal.JournalRepository;
import io.branchpos.sync.client.CredentialStore;
import io.branchpos.sync.client.SyncEngine;
import io.branchpos.sync.client.SyncStatus;
import io.branchpos.sync.server.SyncServer;
import io.branchpos.sync.server.db.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Targets 6, 7 and 8 against one embedded PostgreSQL started with the production settings of
 * {@link Databases#startEmbedded} (fsync on, synchronous commit).
 */
final class HqBench {
    private HqBench() {
    }

    static List<Row> run(Path dir, Path terminalDir, Scale scale, Set<String> only) throws Exception {
        List<Row> rows = new ArrayList<>();
        BenchMain.step("HQ: embedded PostgreSQL");
        try (EmbeddedPostgres pg = Databases.startEmbedded(dir, 0)) {
            rows.add(Row.notMeasurable("0", "HQ database", "embedded " + version(pg) + ", fsync on, synchronous_commit on"));
            List<String> payloads;
            try (LocalStore store = Stores.open(terminalDir)) {
                payloads = new JournalRepository(store).after(0, 64).stream().map(JournalEvent::payload).toList();
                if (only.contains("6")) {
                    BenchMain.step("target 6: catch-up of the terminal's unsynced events");
                    rows.addAll(catchUp(pg, store, scale));
                }
            }
            if (only.contains("8")) {
                rows.addAll(FleetBench.run(pg, scale, payloads));
            }
            if (only.contains("7")) {
                rows.addAll(FeedBench.run(pg, dir, scale));
            }
        }
        return rows;
    }

    static HikariDataSource freshDatabase(EmbeddedPostgres pg, String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        HikariDataSource ds = Databases.pool(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
        Databases.migrate(ds);
        return ds;
    }

    private static String version(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            return "PostgreSQL";
        }
    }

    /**
     * The catch-up, then (decision 0210) the same catch-up once more in this JVM: the terminal's mark
     * set back to where it was, a fresh HQ database, so only the JIT's state carries over. The first
     * is the target (HQ and the engine start cold, as the benchmark has always measured); the second
     * is reported beside it, because a real HQ is a long-running server whose ingest path is warm.
     */
    private static List<Row> catchUp(EmbeddedPostgres pg, LocalStore store, Scale scale) throws Exception {
        long syncedThrough = new JournalRepository(store).syncedThroughSeq();
        List<Row> rows = new ArrayList<>(catchUpRound(pg, store, scale, "catchup", false));
        if (!"1".equals(System.getenv("BENCH_WARM6"))) {
            return rows; // the warm round (~25 s) only when asked: the budget is ten minutes
        }
        store.jdbc(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "update journal_sync_mark set synced_through_seq = ? where terminal_id = ?")) {
                ps.setLong(1, syncedThrough);
                ps.setString(2, store.terminalId());
                return ps.executeUpdate();
            }
        });
        rows.addAll(catchUpRound(pg, store, scale, "catchup_again", true));
        return rows;
    }

    private static List<Row> catchUpRound(EmbeddedPostgres pg, LocalStore store, Scale scale, String database, boolean again)
            throws Exception {
        JournalRepository journal = new JournalRepository(store);
        long syncedThrough = journal.syncedThroughSeq();
        int n = (int) journal.pendingCount();
        // the app's own starts (target 5, --demo) journaled a till opening and users: not sales
        long pendingSales = store.jdbc(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM journal_event"
                    + " WHERE terminal_id = ? AND seq > ? AND type = 'SALE_COMPLETED'")) {
                ps.setString(1, store.terminalId());
                ps.setLong(2, syncedThrough);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        try (HikariDataSource ds = freshDatabase(pg, database)) {
            SyncServer server = new SyncServer(ds).start("127.0.0.1", 0);
            try {
                String code = server.registry().createEnrollmentCode("B-001", store.terminalId());
                // HQ already holds everything up to last week: its mark is where the terminal's is
                String lastHash = syncedThrough == 0 ? io.branchpos.store.journal.JournalHash.GENESIS
                        : journal.after(syncedThrough - 1, 1).get(0).hash();
                try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                        "update terminal set high_water_seq = ?, last_hash = ? where terminal_id = ?")) {
                    ps.setLong(1, syncedThrough);
                    ps.setString(2, lastHash);
                    ps.setString(3, store.terminalId());
                    ps.executeUpdate();
                }
                // the app's own wiring (AppContext.startSync): default batch sizes, real outbox over H2
                long deadline0 = System.nanoTime() + scale.catchUpBudgetSeconds() * 1_000_000_000L;
                StoreJournalOutbox real = new StoreJournalOutbox(journal, Clock.systemUTC());
                // the budget: past it the outbox looks empty, so the engine's drain pass ends
                io.branchpos.sync.client.JournalOutbox outbox = new io.branchpos.sync.client.JournalOutbox() {
                    @Override
                    public List<io.branchpos.sync.client.OutboxEvent> eventsFrom(long fromSeq, int max) {
                        return System.nanoTime() > deadline0 ? List.of() : real.eventsFrom(fromSeq, max);
                    }

                    @Override
                    public long syncedThroughSeq() {
                        return real.syncedThroughSeq();
                    }

                    @Override
                    public void markSyncedThrough(long seq) {
                        real.markSyncedThrough(seq);
                    }

                    @Override
                    public long pendingCount() {
                        return real.pendingCount();
                    }

                    @Override
                    public java.util.Optional<java.time.Instant> oldestPendingOccurredAt() {
                        return real.oldestPendingOccurredAt();
                    }

                    @Override
                    public void recordQuarantined(io.branchpos.sync.protocol.QuarantinedEvent event) {
                        real.recordQuarantined(event);
                    }
                };
                SyncEngine engine = SyncEngine.builder()
                        .outbox(outbox)
                        .credentials(CredentialStore.inMemory())
                        .serverUrl("http://127.0.0.1:" + server.port())
                        .enrollmentCode(code)
                        .build();
                CpuBySide cpu0 = CpuBySide.now(pg);
                long t0 = System.nanoTime();
                long deadline = deadline0;
                while (journal.pendingCount() > 0 && System.nanoTime() < deadline) {
                    engine.drain();
                    if (engine.status().state() != SyncStatus.State.UP_TO_DATE && journal.pendingCount() > 0
                            && engine.status().state() != SyncStatus.State.SYNCING) {
                        throw new IllegalStateException("sync stopped: " + engine.status());
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                CpuBySide cpu = CpuBySide.now(pg).minus(cpu0);
                long left = journal.pendingCount();
                long events = count(ds, "select count(*) from event where terminal_id = '" + store.terminalId() + "'");
                long sales = count(ds, "select count(*) from sale");
                if (events != n - left || left == 0 && sales != pendingSales) {
                    throw new IllegalStateException("HQ has " + events + " events and " + sales + " sales, expected "
                            + (n - left) + " and " + pendingSales);
                }
                double copyRate = copyLimit(ds, events);
                double rate = events / seconds;
                String scope = left == 0 ? "" : String.format("; STOPPED after %d s with %,d of %,d events uploaded",
                        scale.catchUpBudgetSeconds(), events, n);
                if (again) {
                    return List.of(Row.compared("6", "catch-up throughput, again in the same JVM (warm)", rate, "events/s",
                            "PostgreSQL COPY of the same rows", copyRate, String.format("the same %,d events once more: the "
                                    + "terminal's mark set back, a fresh HQ database, HQ and the engine already compiled by the "
                                    + "run above (a long-running HQ is warm; a till's engine runs C1 only); %.1f s%s; %s",
                                    n, left == 0 ? seconds : n / rate, scope, cpu.perEvent(events))));
                }
                return List.of(
                        Row.measured("6", String.format("catch-up of %,d events", n), left == 0 ? seconds : n / rate,
                                "s", "<= 5 s", left == 0 && seconds <= 5, null, null,
                                "terminal store (H2, journal of the sales history) → SyncEngine → OkHttp → Javalin → "
                                        + "PostgreSQL with projections; the engine's own batch sizes (reached "
                                        + engine.batchSize() + ")" + (left == 0 ? "" : "; time extrapolated") + scope),
                        Row.measured("6", "catch-up throughput", rate, "events/s", ">= 20,000 events/s", rate >= 20_000,
                                "PostgreSQL COPY of the same rows", copyRate,
                                String.format("every event stored once; %,d sales → %,d sale rows at HQ%s; %s", pendingSales, sales,
                                        scope, cpu.perEvent(events))));
            } finally {
                server.close();
            }
        }
    }

    /** COPY of the event rows HQ now holds into an identical table (same indexes): events/s. */
    private static double copyLimit(HikariDataSource ds, long n) throws Exception {
        try (Connection c = ds.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            copy.copyOut("COPY event TO STDOUT", rows);
            try (Statement st = c.createStatement()) {
                st.execute("create table event_copy (like event including all)");
            }
            byte[] data = rows.toByteArray();
            long t0 = System.nanoTime();
            long copied = copy.copyIn("COPY event_copy FROM STDIN", new ByteArrayInputStream(data));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (copied != n) {
                throw new IllegalStateException("COPY wrote " + copied + " rows, expected " + n);
            }
            return n / seconds;
        }
    }

    static long count(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * CPU time used so far, by side: this JVM's threads grouped by name (terminal = the thread that
     * drains, the engine's read-ahead and upload threads, OkHttp's and H2's; HQ = Jetty's request threads;
     * the JIT's compiler threads; the collector's) from {@code /proc/self/task}, and PostgreSQL's processes
     * (the postmaster with its reaped children, and its live children). In clock ticks; empty where
     * {@code /proc} is not there.
     */
    record CpuBySide(java.util.Map<String, Long> ticks) {
        private static final String[] SIDES = {"terminal", "HQ", "PostgreSQL", "C2", "C1", "GC", "other"};

        static CpuBySide now(EmbeddedPostgres pg) {
            java.util.Map<String, Long> t = new java.util.LinkedHashMap<>();
            for (String side : SIDES) {
                t.put(side, 0L);
            }
            try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    long[] stat = stat(task.resolve("stat"));
                    if (stat != null) {
                        t.merge(side(comm(task.resolve("stat"))), stat[0] + stat[1], Long::sum);
                    }
                }
                t.merge("PostgreSQL", postgres(pg), Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                return new CpuBySide(java.util.Map.of());
            }
            return new CpuBySide(t);
        }

        CpuBySide minus(CpuBySide before) {
            java.util.Map<String, Long> t = new java.util.LinkedHashMap<>();
            ticks.forEach((k, v) -> t.put(k, v - before.ticks.getOrDefault(k, 0L)));
            return new CpuBySide(t);
        }

        String perEvent(long events) {
            if (ticks.isEmpty() || events == 0) {
                return "CPU per event not measured (no /proc)";
            }
            double usPerTick = 1e6 / 100; // USER_HZ
            StringBuilder out = new StringBuilder("CPU per event (µs, /proc):");
            long all = 0;
            for (String side : SIDES) {
                long v = ticks.getOrDefault(side, 0L);
                all += v;
                out.append(String.format(" %s %.1f,", side, v * usPerTick / events));
            }
            return out.append(String.format(" all %.1f", all * usPerTick / events)).toString();
        }

        private static String side(String comm) {
            // "java": the launcher's main thread, which runs the benchmark and so the engine's drain pass
            if (comm.equals("java") || comm.equals("main") || comm.startsWith("branchpos-sync") || comm.startsWith("OkHttp")
                    || comm.startsWith("Okio") || comm.startsWith("H2-") || comm.startsWith("MVStore")) {
                return "terminal";
            }
            if (comm.startsWith("JettyServerThr") || comm.startsWith("qtp")) {
                return "HQ";
            }
            if (comm.startsWith("C2 ")) {
                return "C2";
            }
            if (comm.startsWith("C1 ")) {
                return "C1";
            }
            if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
                return "GC";
            }
            return "other";
        }

        private static long postgres(EmbeddedPostgres pg) throws java.io.IOException {
            // the postmaster is the postgres process started with this cluster's port
            String port = Integer.toString(pg.getPort());
            long postmaster = -1;
            List<long[]> all = new ArrayList<>();
            try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String statText = java.nio.file.Files.readString(p.resolve("stat"));
                        if (!statText.contains("(postgres)")) {
                            continue;
                        }
                        String[] f = statText.substring(statText.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(name);
                        long ppid = Long.parseLong(f[1]);
                        // utime, stime, cutime, cstime
                        all.add(new long[] {pid, ppid, Long.parseLong(f[11]) + Long.parseLong(f[12]),
                                Long.parseLong(f[13]) + Long.parseLong(f[14])});
                        String cmd = java.nio.file.Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                        if (cmd.contains(" -p " + port + " ") || cmd.endsWith(" -p " + port)) {
                            postmaster = pid;
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the process ended while read
                    }
                }
            }
            long sum = 0;
            for (long[] p : all) {
                if (p[0] == postmaster) {
                    sum += p[2] + p[3];
                } else if (p[1] == postmaster) {
                    sum += p[2];
                }
            }
            return sum;
        }

        private static long[] stat(Path stat) {
            try {
                String text = java.nio.file.Files.readString(stat);
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }

        private static String comm(Path stat) {
            try {
                String text = java.nio.file.Files.readString(stat);
                return text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
            } catch (java.io.IOException | RuntimeException e) {
                return "?";
            }
        }
    }
}
