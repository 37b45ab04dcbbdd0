package io.branchpos.sync.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.sync.client.InMemoryJournalOutbox;
import io.branchpos.sync.client.OutboxEvent;
import io.branchpos.sync.client.TerminalCredential;
import io.branchpos.sync.client.UploadResult;
import io.branchpos.sync.protocol.BatchAck;
import io.branchpos.sync.protocol.EventBatch;
import io.branchpos.sync.server.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Decision 0209: HQ writes a batch's new events and its runs of sales with {@code COPY} and falls back
 * to its statements when a key or a value is refused. Whatever the batches, HQ must end up with exactly
 * the rows it writes when the same events arrive one at a time through the statements, and a re-sent
 * batch must be answered as duplicates and change nothing.
 */
class CopyPathTest {

    private static final Instant T0 = Instant.parse("2026-11-16T08:00:00Z");
    /** SKUs with every character COPY's text format escapes, quotes, non-ASCII, and U+0000 (not copyable). */
    private static final List<String> SKUS = List.of("4001", "back\\\\slash", "tab\\there", "new\\nline", "cr\\rhere",
            "quote\\\"d", "Äpfel-ß", "nul\\u0000sku");
    private static final AtomicInteger TRIES = new AtomicInteger();

    static TestServer copies;
    static TestServer statements;

    @BeforeContainer
    static void start() {
        copies = TestServer.fresh();
        statements = TestServer.fresh();
    }

    @AfterContainer
    static void stop() {
        IngestService.copyFrom = 100;
        copies.close();
        statements.close();
    }

    /** A sale line; {@code sameNoAsBefore}: the line number of the line before it (a line number twice). */
    record Line(boolean sameNoAsBefore, String sku, String quantity) {
    }

    /** A sale; {@code reusedId}: the sale id of an earlier sale (a sale id recorded twice). */
    record Sale(boolean reusedId, List<Line> lines, String receipt) {
    }

    @Property(tries = 40)
    void batchesThroughCopyYieldTheRowsOfOneEventAtATimeAndResendingNeverDuplicates(
            @ForAll("sales") List<Sale> sales, @ForAll("cuts") List<Integer> cuts, @ForAll boolean anomalies) throws Exception {
        int t = TRIES.incrementAndGet();
        String terminal = "T-CP-" + t;
        String branch = "B-CP-" + t;
        InMemoryJournalOutbox journal = new InMemoryJournalOutbox(terminal, new Random(t));
        boolean fallback = false;
        for (int i = 0; i < sales.size(); i++) {
            Sale sale = sales.get(i);
            boolean reused = anomalies && sale.reusedId() && i > 0;
            StringBuilder lines = new StringBuilder();
            int lineNo = 0;
            for (Line l : sale.lines()) {
                boolean same = anomalies && l.sameNoAsBefore() && lineNo > 0;
                lineNo = same ? lineNo : lineNo + 1;
                String sku = anomalies || !l.sku().contains("u0000") ? l.sku() : "4001";
                fallback |= same || sku.contains("u0000");
                lines.append(lines.length() == 0 ? "" : ",").append("{\"lineNo\":").append(lineNo).append(",\"sku\":\"").append(sku)
                        .append("\",\"description\":\"x\",\"quantity\":\"").append(l.quantity())
                        .append("\",\"unitPrice\":\"1.19\",\"gross\":\"2.38\",\"taxCode\":\"REDUCED\",\"taxRate\":\"7\"}");
            }
            fallback |= reused;
            journal.append("SALE_COMPLETED", payload("cp" + t + "-" + (reused ? i - 1 : i), sale.receipt(), lines), T0.plusSeconds(i));
        }
        List<OutboxEvent> events = journal.all();
        List<List<OutboxEvent>> batches = new ArrayList<>();
        for (int from = 0, k = 0; from < events.size(); k++) {
            int size = Math.min(events.size() - from, cuts.get(k % cuts.size()));
            batches.add(events.subList(from, from + size));
            from += size;
        }
        Statistics.collect(fallback ? "some run falls back to the statements" : "all copied");
        Statistics.coverage(cover -> {
            cover.check("all copied").count(n -> n >= 5);
            cover.check("some run falls back to the statements").count(n -> n >= 2);
        });

        TerminalCredential a = copies.enroll(branch, terminal);
        TerminalCredential b = statements.enroll(branch, terminal);
        try {
            IngestService.copyFrom = 1; // every batch tries the copies, however small
            for (List<OutboxEvent> batch : batches) {
                ack(copies.transport().upload(a, batch(terminal, batch)));
            }
            for (List<OutboxEvent> batch : batches) {
                BatchAck again = ack(copies.transport().upload(a, batch(terminal, batch)));
                assertThat(again.applied()).as("a re-sent batch applies nothing").isZero();
                assertThat(again.duplicates()).as("a re-sent batch is answered as duplicates").isEqualTo(batch.size());
            }
            IngestService.copyFrom = Integer.MAX_VALUE;
            for (OutboxEvent e : events) {
                ack(statements.transport().upload(b, batch(terminal, List.of(e))));
            }
        } finally {
            IngestService.copyFrom = 100;
        }

        for (String sql : List.of(
                "select seq, event_id::text, type, status, quarantine_reason, payload, payload_hash, occurred_at, business_day "
                        + "from event where terminal_id = ? order by seq",
                "select sale_id, event_id::text, terminal_id, branch_id, business_day, receipt_number, currency, gross, occurred_at "
                        + "from sale where terminal_id = ? order by sale_id",
                "select l.sale_id, l.line_no, l.sku, l.quantity, l.gross, l.price_version, l.promotion_id, l.promotion_version "
                        + "from sale_line l join sale s on s.sale_id = l.sale_id where s.terminal_id = ? order by l.sale_id, l.line_no",
                "select m.event_id::text, m.idx, m.branch_id, m.sku, m.quantity, m.kind from stock_movement m "
                        + "join event e on e.event_id = m.event_id where e.terminal_id = ? order by m.event_id, m.idx",
                "select kind, event_id::text, detail from flag where terminal_id = ? order by kind, event_id, detail",
                "select event_id::text, seq, kind, reason, payload_hash from quarantine where terminal_id = ? order by seq, kind")) {
            assertThat(rows(copies, sql, terminal)).as(sql).isEqualTo(rows(statements, sql, terminal));
        }
        assertThat(rows(copies, "select sku, quantity from stock_on_hand where branch_id = ? order by sku", branch))
                .isEqualTo(rows(statements, "select sku, quantity from stock_on_hand where branch_id = ? order by sku", branch));
        assertThat(rows(copies, "select count(*) from event where terminal_id = ?", terminal).get(0).get(0))
                .as("every event stored once").isEqualTo(String.valueOf(events.size()));
        // decision 0211: no foreign keys check these any more; the writer must keep them
        for (TestServer hq : List.of(copies, statements)) {
            assertThat(rows(hq, "select count(*) from sale_line l where not exists (select 1 from sale s where s.sale_id = l.sale_id) "
                    + "and ?::text is not null", terminal)).as("every sale line has its sale").containsExactly(List.of("0"));
            assertThat(rows(hq, "select count(*) from event e where not exists (select 1 from terminal t "
                    + "where t.terminal_id = e.terminal_id) and ?::text is not null", terminal)).as("every event has its terminal")
                    .containsExactly(List.of("0"));
        }
    }

    @Provide
    Arbitrary<List<Sale>> sales() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(1, 8).map(n -> n == 1),
                Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.of(SKUS.subList(0, 7))), Tuple.of(1, Arbitraries.just(SKUS.get(7)))),
                Arbitraries.of("1", "2", "0.375", "12.5", "3")).as(Line::new);
        Arbitrary<Sale> sale = Combinators.combine(Arbitraries.integers().between(1, 6).map(n -> n == 1),
                line.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of("R-1", "R\\\\2", "R\\t3", "Ré-4")).as(Sale::new);
        return sale.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 25).list().ofMinSize(1).ofMaxSize(5);
    }

    /** A valid sale payload (JSON text; the SKUs and receipt are already JSON-escaped). */
    private static String payload(String saleId, String receipt, CharSequence lines) {
        return "{\"saleId\":\"" + saleId + "\",\"receiptNumber\":\"" + receipt + "\",\"cashierId\":\"u-anna\",\"currency\":\"EUR\","
                + "\"pricing\":\"INCLUSIVE\",\"lines\":[" + lines + "],"
                + "\"totals\":{\"net\":\"2.38\",\"tax\":\"0.00\",\"gross\":\"2.38\",\"due\":\"2.38\"},"
                + "\"payments\":[{\"tender\":\"CASH\",\"amount\":\"2.38\",\"change\":\"0.00\",\"reference\":null}]}";
    }

    private static EventBatch batch(String terminal, List<OutboxEvent> events) {
        return new EventBatch(1, terminal, events.stream().map(OutboxEvent::toWire).toList());
    }

    private static BatchAck ack(UploadResult r) {
        assertThat(r).isInstanceOf(UploadResult.Acknowledged.class);
        return ((UploadResult.Acknowledged) r).ack();
    }

    /** {@link TestServer#rows} with every value as text (decimals in plain notation), comparable across the two paths. */
    private static List<List<Object>> rows(TestServer hq, String sql, String arg) {
        return hq.rows(sql, arg).stream().map(row -> row.stream()
                .map(v -> (Object) (v instanceof java.math.BigDecimal d ? d.toPlainString() : v == null ? null : v.toString()))
                .toList()).toList();
    }
}
