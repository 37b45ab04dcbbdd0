package io.branchpos.benchmarks;

import io.branchpos.domain.catalog.Product;
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

/**
 * Fills a store with past sales fast. A few template sales are rung up through the real
 * {@link SalesRepository#complete} (so every row and payload is exactly what the app writes); the
 * rest are copies of them written with JDBC batches: new sale and event ids, receipt numbers,
 * sequence numbers and a correct hash chain, so the journal verifies and HQ accepts it.
 */
final class SalesHistory {
    private static final int TEMPLATES = 64;
    private static final int COMMIT_EVERY = 2_000;

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

    /** What {@link #append} wrote. */
    record Written(int sales, long nanos) {
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
        int copied = store.jdbc(c -> {
            List<Template> ts = new ArrayList<>();
            for (String receipt : receipts) {
                ts.add(template(c, receipt));
            }
            return copy(c, store, ts, Math.max(0, min - templates), count - templates, deadline, unsynced);
        });
        return new Written(templates + copied, System.nanoTime() - started);
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

    private static int copy(Connection c, LocalStore store, List<Template> ts, int min, int max, long deadline,
            int unsynced) throws SQLException {
        String terminal = store.terminalId();
        long lastSeq;
        String lastHash;
        long nextReceipt;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seq, last_hash, next_receipt_no FROM terminal_state WHERE terminal_id = ?")) {
            ps.setString(1, terminal);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastSeq = rs.getLong(1);
                lastHash = rs.getString(2);
                nextReceipt = rs.getLong(3);
            }
        }
        Template first = ts.get(0);
        Table eventShape = new Table("journal_event", eventColumns(c), List.of());
        List<String> ec = eventShape.columns();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        OffsetDateTime syncedAt = OffsetDateTime.now(ZoneOffset.UTC);
        int count = max;
        try (PreparedStatement ev = c.prepareStatement(insertSql(eventShape));
                PreparedStatement sale = c.prepareStatement(insertSql(first.sale()));
                PreparedStatement line = c.prepareStatement(insertSql(first.lines()));
                PreparedStatement pay = c.prepareStatement(insertSql(first.payments()))) {
            for (int i = 0; i < count; i++) {
                Template t = ts.get(i % ts.size());
                long seq = lastSeq + 1;
                String receipt = String.format("%s-%06d", terminal, nextReceipt++);
                UUID saleId = store.config().ids().next();
                UUID eventId = store.config().ids().next();
                Object[] e = t.event().clone();
                String payload = ((String) e[ec.indexOf("PAYLOAD")]).replace(t.saleId(), saleId.toString())
                        .replace("\"" + t.receipt() + "\"", "\"" + receipt + "\"");
                OffsetDateTime at = ((OffsetDateTime) e[ec.indexOf("OCCURRED_AT")]).plusNanos(i * 1_000_000L);
                String type = (String) e[ec.indexOf("TYPE")];
                int schema = ((Number) e[ec.indexOf("SCHEMA_VERSION")]).intValue();
                String day = e[ec.indexOf("BUSINESS_DAY")].toString();
                String hash = JournalHash.of(lastHash, eventId.toString(), terminal, seq, type, schema, day,
                        at.toInstant().toEpochMilli(), payload);
                e[ec.indexOf("TERMINAL_ID")] = terminal;
                e[ec.indexOf("SEQ")] = seq;
                e[ec.indexOf("EVENT_ID")] = eventId;
                e[ec.indexOf("PREV_HASH")] = lastHash;
                e[ec.indexOf("HASH")] = hash;
                e[ec.indexOf("OCCURRED_AT")] = at;
                e[ec.indexOf("PAYLOAD")] = payload;
                e[ec.indexOf("SYNCED_AT")] = null;
                bind(ev, e);
                Object[] s = t.sale().rows().get(0).clone();
                List<String> sc = t.sale().columns();
                s[sc.indexOf("SALE_ID")] = saleId;
                s[sc.indexOf("RECEIPT_NUMBER")] = receipt;
                s[sc.indexOf("JOURNAL_SEQ")] = seq;
                s[sc.indexOf("COMPLETED_AT")] = at;
                bind(sale, s);
                for (Object[] l : t.lines().rows()) {
                    Object[] copy = l.clone();
                    copy[t.lines().columns().indexOf("SALE_ID")] = saleId;
                    bind(line, copy);
                }
                for (Object[] p : t.payments().rows()) {
                    Object[] copy = p.clone();
                    copy[t.payments().columns().indexOf("SALE_ID")] = saleId;
                    bind(pay, copy);
                }
                lastSeq = seq;
                lastHash = hash;
                if ((i + 1) % COMMIT_EVERY == 0 || i == count - 1) {
                    ev.executeBatch();
                    sale.executeBatch();
                    line.executeBatch();
                    pay.executeBatch();
                    c.commit();
                    if (i + 1 >= min && System.nanoTime() > deadline) {
                        count = i + 1; // out of time: the largest history that fits the budget
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE terminal_state SET last_seq = ?, last_hash = ?,"
                    + " next_receipt_no = ? WHERE terminal_id = ?")) {
                ps.setLong(1, lastSeq);
                ps.setString(2, lastHash);
                ps.setLong(3, nextReceipt);
                ps.setString(4, terminal);
                ps.executeUpdate();
            }
            // HQ's acknowledgement: the terminal's watermark (decision 0207), never moved back
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO journal_sync_mark(terminal_id, synced_through_seq,"
                    + " synced_at) KEY(terminal_id) SELECT ?, GREATEST(?, COALESCE((SELECT synced_through_seq"
                    + " FROM journal_sync_mark WHERE terminal_id = ?), 0)), ?")) {
                ps.setString(1, terminal);
                ps.setLong(2, Math.max(0, lastSeq - unsynced));
                ps.setString(3, terminal);
                ps.setObject(4, syncedAt);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw ex;
        } finally {
            c.setAutoCommit(auto);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
        return count;
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
