package io.branchpos.benchmarks;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.id.UuidV7Generator;
import io.branchpos.domain.money.RoundingPolicy;
import io.branchpos.domain.sale.CompletedSale;
import io.branchpos.domain.sale.Payment;
import io.branchpos.domain.sale.SaleCalculator;
import io.branchpos.domain.sale.Settlement;
import io.branchpos.domain.sale.Ticket;
import io.branchpos.domain.tax.PricingMode;
import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalHash;
import io.branchpos.store.sale.SalesRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fills a store with past sales fast. A few template sales are rung up through the real
 * {@link SalesRepository#complete} (so every row and payload is exactly what the app writes); the
 * rest are copies of them written with JDBC batches: new sale and event ids, receipt numbers,
 * sequence numbers and a correct hash chain, so the journal verifies and HQ accepts it.
 */
final class SalesHistory {
    private static final int TEMPLATES = 64;
    private static final int CHUNK = 2_000;

    private SalesHistory() {
    }

    /** A cash sale of 1–5 random products of the demo catalog (one unit, or 0.5 kg when weighed). */
    static CompletedSale randomSale(LocalStore store, CatalogRepository catalog, int skus, Random r) {
        Ticket t = new Ticket(store.config().ids().next(), new SaleCalculator(Currency.getInstance("EUR"),
                PricingMode.INCLUSIVE, RoundingPolicy.DEFAULT));
        int lines = 1 + r.nextInt(5);
        for (int i = 0; i < lines; i++) {
            Product p = catalog.findByBarcode(DemoCatalog.primaryBarcode(r.nextInt(skus))).orElseThrow();
            if (p.serialized()) {
                continue; // would need a serial number; not what we measure
            }
            t.add(p, p.unit().isMeasured() ? new BigDecimal("0.500") : BigDecimal.ONE);
        }
        if (t.lines().isEmpty()) {
            return randomSale(store, catalog, skus, r);
        }
        Settlement s = new Settlement(t.totalDue(), RoundingPolicy.DEFAULT.cashRounding());
        s.add(Payment.cash(t.totalDue()));
        return CompletedSale.of(t, s, "u-bench", store.config().clock().instant());
    }

    private record Table(String name, List<String> columns, List<Object[]> rows) {
    }

    private record Template(String saleId, String receipt, Object[] event, Table sale, Table lines, Table payments) {
    }

    /** What {@link #append} wrote, how long it took and where the time went. */
    record Written(int sales, long nanos, String detail) {
    }

    /**
     * Appends up to {@code count} sales (the first 64 through the app's own code) to the store's
     * journal, but at least {@code min} and no more once {@code budgetNanos} have passed. All but
     * the last {@code unsynced} are marked as acknowledged by HQ.
     */
    static Written append(LocalStore store, int skus, int min, int count, long budgetNanos, int unsynced) {
        long started = System.nanoTime();
        long deadline = started + budgetNanos;
        CatalogRepository catalog = new CatalogRepository(store);
        SalesRepository sales = new SalesRepository(store);
        Random r = new Random(11);
        int templates = Math.min(TEMPLATES, count);
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < templates; i++) {
            receipts.add(sales.complete(randomSale(store, catalog, skus, r)).receiptNumber());
        }
        List<Template> ts = store.jdbc(c -> {
            List<Template> read = new ArrayList<>();
            for (String receipt : receipts) {
                read.add(template(c, receipt));
            }
            return read;
        });
        int copied;
        StringBuilder detail = new StringBuilder();
        try {
            copied = copy(store, ts, Math.max(0, min - templates), count - templates, deadline, unsynced, detail);
        } catch (Exception e) {
            throw new IllegalStateException("sales history: " + e, e);
        }
        return new Written(templates + copied, System.nanoTime() - started, detail.toString());
    }

    private static Template template(Connection c, String receipt) throws SQLException {
        Table sale = select(c, "sale", "receipt_number = ?", receipt);
        String saleId = sale.rows().get(0)[sale.columns().indexOf("SALE_ID")].toString();
        long seq = ((Number) sale.rows().get(0)[sale.columns().indexOf("JOURNAL_SEQ")]).longValue();
        Table event = select(c, "journal_event", "seq = ?", seq);
        Object[] e = event.rows().get(0);
        int payloadAt = event.columns().indexOf("PAYLOAD");
        Object payload = e[payloadAt];
        e[payloadAt] = payload instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : payload.toString();
        return new Template(saleId, receipt, e, sale, select(c, "sale_line", "sale_id = ?", UUID.fromString(saleId)),
                select(c, "payment", "sale_id = ?", UUID.fromString(saleId)));
    }

    private static Table select(Connection c, String table, String where, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnName(i).toUpperCase(java.util.Locale.ROOT));
                }
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[cols.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return new Table(table, cols, rows);
            }
        }
    }

    private static String insertSql(Table t) {
        return "INSERT INTO " + t.name() + "(" + String.join(", ", t.columns()) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(t.columns().size(), "?")) + ")";
    }

    /** The journal's head before the copies: where their seqs, hashes and receipt numbers continue. */
    private record Head(long lastSeq, String lastHash, long nextReceipt) {
    }

    /** The ids of one chunk of copies, the same for both writers (drawn once, in chunk order). */
    private record ChunkIds(UUID[] sales, UUID[] events, java.util.concurrent.atomic.AtomicInteger writersDone) {
    }

    /**
     * Writes the copies in chunks of {@link #CHUNK} sales on two connections at once: one writes
     * the journal events (and their hash chain) and the sale rows, the other the sale lines and
     * payments; each commits its own chunks. The lines' and payments' foreign keys to {@code sale}
     * are not checked while both run (the other writer's sale may not be committed yet; the test
     * checks that every line and payment has its sale), and the plain secondary indexes of these
     * tables are dropped for the load and created again after it, with the same names and
     * columns: H2 builds an index over existing rows sorted and without an undo log, at a
     * fraction of the cost of one entry per insert (decision 0027).
     */
    private static int copy(LocalStore store, List<Template> ts, int min, int max, long deadline, int unsynced,
            StringBuilder detail) throws Exception {
        String terminal = store.terminalId();
        Head head = store.jdbc(c -> head(c, terminal));
        List<String> ec = store.jdbc(SalesHistory::eventColumns);
        List<String> indexes = store.jdbc(c -> dropPlainIndexes(c, LOADED_TABLES));
        store.jdbc(c -> foreignKeysChecked(c, false));
        int chunks = (max + CHUNK - 1) / CHUNK;
        int minChunks = (min + CHUNK - 1) / CHUNK;
        Object lock = new Object();
        int[] limit = {chunks};
        int[] started = {0};
        // ids drawn chunk by chunk in order by whichever writer needs the chunk first: monotonic (v7)
        UuidV7Generator ids = new UuidV7Generator(store.config().clock(), new Random(7));
        java.util.concurrent.ConcurrentHashMap<Integer, ChunkIds> idsOf = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.IntFunction<ChunkIds> chunkIds = k -> idsOf.computeIfAbsent(k, x -> {
            int n = Math.min(CHUNK, max - k * CHUNK);
            UUID[] s = new UUID[n];
            UUID[] e = new UUID[n];
            for (int i = 0; i < n; i++) {
                s[i] = ids.next();
                e[i] = ids.next();
            }
            return new ChunkIds(s, e, new java.util.concurrent.atomic.AtomicInteger());
        });
        java.util.function.IntPredicate mayStart = k -> {
            synchronized (lock) {
                if (k >= limit[0]) {
                    return false;
                }
                started[0] = Math.max(started[0], k + 1);
                return true;
            }
        };
        String[] lastHash = {head.lastHash()};
        long t0 = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "history-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Long> journal = writers.submit(() -> store.jdbc(c -> inChunks(c, mayStart, (k, ps) -> {
                ChunkIds chunk = chunkIds.apply(k);
                for (int j = 0; j < chunk.sales().length; j++) {
                    int i = k * CHUNK + j;
                    Template t = ts.get(i % ts.size());
                    long seq = head.lastSeq() + 1 + i;
                    String receipt = receipt(terminal, head.nextReceipt() + i);
                    UUID saleId = chunk.sales()[j];
                    UUID eventId = chunk.events()[j];
                    Object[] e = t.event().clone();
                    String payload = ((String) e[ec.indexOf("PAYLOAD")]).replace(t.saleId(), saleId.toString())
                            .replace("\"" + t.receipt() + "\"", "\"" + receipt + "\"");
                    OffsetDateTime at = ((OffsetDateTime) t.event()[ec.indexOf("OCCURRED_AT")]).plusNanos(i * 1_000_000L);
                    String hash = JournalHash.of(lastHash[0], eventId.toString(), terminal, seq,
                            (String) e[ec.indexOf("TYPE")], ((Number) e[ec.indexOf("SCHEMA_VERSION")]).intValue(),
                            e[ec.indexOf("BUSINESS_DAY")].toString(), at.toInstant().toEpochMilli(), payload);
                    e[ec.indexOf("TERMINAL_ID")] = terminal;
                    e[ec.indexOf("SEQ")] = seq;
                    e[ec.indexOf("EVENT_ID")] = eventId;
                    e[ec.indexOf("PREV_HASH")] = lastHash[0];
                    e[ec.indexOf("HASH")] = hash;
                    e[ec.indexOf("OCCURRED_AT")] = at;
                    e[ec.indexOf("PAYLOAD")] = payload;
                    e[ec.indexOf("SYNCED_AT")] = null;
                    bind(ps.get(0), e);
                    Object[] s = t.sale().rows().get(0).clone();
                    List<String> sc = t.sale().columns();
                    s[sc.indexOf("SALE_ID")] = saleId;
                    s[sc.indexOf("RECEIPT_NUMBER")] = receipt;
                    s[sc.indexOf("JOURNAL_SEQ")] = seq;
                    s[sc.indexOf("COMPLETED_AT")] = at;
                    bind(ps.get(1), s);
                    lastHash[0] = hash;
                }
                done(idsOf, k, chunk);
            }, insertSql(new Table("journal_event", ec, List.of())), insertSql(ts.get(0).sale()))));
            Future<Long> lines = writers.submit(() -> store.jdbc(c -> inChunks(c, mayStart, (k, ps) -> {
                ChunkIds chunk = chunkIds.apply(k);
                for (int j = 0; j < chunk.sales().length; j++) {
                    Template t = ts.get((k * CHUNK + j) % ts.size());
                    UUID saleId = chunk.sales()[j];
                    for (Object[] l : t.lines().rows()) {
                        Object[] copy = l.clone();
                        copy[t.lines().columns().indexOf("SALE_ID")] = saleId;
                        bind(ps.get(0), copy);
                    }
                    for (Object[] p : t.payments().rows()) {
                        Object[] copy = p.clone();
                        copy[t.payments().columns().indexOf("SALE_ID")] = saleId;
                        bind(ps.get(1), copy);
                    }
                }
                done(idsOf, k, chunk);
            }, insertSql(ts.get(0).lines()), insertSql(ts.get(0).payments()))));
            while (!journal.isDone() || !lines.isDone()) {
                if (System.nanoTime() > deadline) {
                    synchronized (lock) {
                        // out of time: the largest history that fits the budget (but at least min)
                        limit[0] = Math.min(limit[0], Math.max(started[0], minChunks));
                    }
                }
                try {
                    journal.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // check the budget again
                }
            }
            detail.append(String.format("rows %.1f s (journal + sales writer %.1f s, lines + payments writer %.1f s)",
                    (System.nanoTime() - t0) / 1e9, (journal.get() - t0) / 1e9, (lines.get() - t0) / 1e9));
        } finally {
            writers.shutdownNow();
            writers.awaitTermination(1, TimeUnit.MINUTES);
            long a = System.nanoTime();
            store.jdbc(c -> foreignKeysChecked(c, true));
            store.jdbc(c -> createIndexes(c, indexes));
            detail.append(String.format(", %d indexes created again %.1f s", indexes.size(),
                    (System.nanoTime() - a) / 1e9));
        }
        int count = Math.min(max, limit[0] * CHUNK);
        long lastSeq = head.lastSeq() + count;
        OffsetDateTime syncedAt = OffsetDateTime.now(ZoneOffset.UTC);
        store.jdbc(c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE terminal_state SET last_seq = ?, last_hash = ?,"
                        + " next_receipt_no = ? WHERE terminal_id = ?")) {
                    ps.setLong(1, lastSeq);
                    ps.setString(2, lastHash[0]);
                    ps.setLong(3, head.nextReceipt() + count);
                    ps.setString(4, terminal);
                    ps.executeUpdate();
                }
                // HQ's acknowledgement: the terminal's watermark (decision 0207), never moved back
                try (PreparedStatement ps = c.prepareStatement("MERGE INTO journal_sync_mark(terminal_id,"
                        + " synced_through_seq, synced_at) KEY(terminal_id) SELECT ?, GREATEST(?, COALESCE((SELECT"
                        + " synced_through_seq FROM journal_sync_mark WHERE terminal_id = ?), 0)), ?")) {
                    ps.setString(1, terminal);
                    ps.setLong(2, Math.max(0, lastSeq - unsynced));
                    ps.setString(3, terminal);
                    ps.setObject(4, syncedAt);
                    ps.executeUpdate();
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT SYNC");
            }
            return null;
        });
        return count;
    }

    private static final List<String> LOADED_TABLES = List.of("JOURNAL_EVENT", "SALE", "SALE_LINE", "PAYMENT");

    /** Both writers have bound chunk {@code k}: its ids are no longer needed. */
    private static void done(java.util.Map<Integer, ChunkIds> idsOf, int k, ChunkIds chunk) {
        if (chunk.writersDone().incrementAndGet() == 2) {
            idsOf.remove(k);
        }
    }

    private static String receipt(String terminal, long number) {
        return String.format("%s-%06d", terminal, number);
    }

    /** What one writer does with one chunk: binds its rows to its statements (in order). */
    private interface ChunkWork {
        void bind(int chunk, List<PreparedStatement> statements) throws SQLException;
    }

    /** Runs {@code work} chunk after chunk while {@code mayStart} allows, one transaction per chunk. */
    private static Long inChunks(Connection c, java.util.function.IntPredicate mayStart, ChunkWork work, String... sql)
            throws SQLException {
        List<PreparedStatement> ps = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            for (String s : sql) {
                ps.add(c.prepareStatement(s));
            }
            for (int k = 0; mayStart.test(k); k++) {
                work.bind(k, ps);
                for (PreparedStatement p : ps) {
                    p.executeBatch();
                }
                c.commit();
            }
            return System.nanoTime();
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw ex;
        } finally {
            for (PreparedStatement p : ps) {
                p.close();
            }
            c.setAutoCommit(true);
        }
    }

    private static Head head(Connection c, String terminal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq, last_hash, next_receipt_no FROM terminal_state WHERE terminal_id = ?")) {
            ps.setString(1, terminal);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3));
            }
        }
    }

    /**
     * Drops the plain (not unique, not a constraint's) indexes of {@code tables}; returns the
     * statements that create them again exactly as they were, taken from H2's own {@code SCRIPT}.
     */
    private static List<String> dropPlainIndexes(Connection c, List<String> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, index_name FROM information_schema.indexes"
                + " WHERE table_schema = 'PUBLIC' AND index_type_name = 'INDEX' AND NOT is_generated"
                + " ORDER BY table_name, index_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (tables.contains(rs.getString(1))) {
                    names.add(rs.getString(2));
                }
            }
        }
        List<String> script = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
            while (rs.next()) {
                script.add(rs.getString(1));
            }
        }
        List<String> create = new ArrayList<>();
        for (String name : names) {
            String prefix = "CREATE INDEX \"PUBLIC\".\"" + name + "\" ON ";
            create.add(script.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no CREATE INDEX for " + name + " in H2's script")));
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX \"PUBLIC\".\"" + name + "\"");
            }
        }
        return create;
    }

    private static Void createIndexes(Connection c, List<String> create) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : create) {
                st.execute(sql);
            }
        }
        return null;
    }

    /** Turns the checks of the foreign keys from the copied lines and payments to their sale off or on again. */
    private static Void foreignKeysChecked(Connection c, boolean checked) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : List.of("sale_line", "payment")) {
                st.execute("ALTER TABLE " + table + " SET REFERENTIAL_INTEGRITY " + (checked ? "TRUE" : "FALSE"));
            }
        }
        return null;
    }

    private static List<String> eventColumns(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM journal_event WHERE 1=0")) {
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cols.add(rs.getMetaData().getColumnName(i).toUpperCase(java.util.Locale.ROOT));
            }
            return cols;
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.addBatch();
    }

    static Instant now() {
        return Instant.now();
    }
}
