package io.branchpos.store.dayclose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.DrawerBalance;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.TenderVariance;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.report.Sql;
import io.branchpos.store.till.CashRepository;
import io.branchpos.store.till.TillRepository;
import io.branchpos.store.till.TillSessionEntity;
import io.branchpos.domain.till.CashCount;
import io.branchpos.store.till.ExpectedCashQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * X and Z reports. A Z close is ONE transaction: TILL_CLOSED for the open session, the next gapless
 * Z number, DAY_CLOSED with the manifest HQ verifies, the z_report row, and the move to the next
 * business day. A crash anywhere leaves either all of it or none of it.
 */
public final class DayCloseRepository {
    public static final String DAY_CLOSED = "DAY_CLOSED";
    /** HQ's watermark for a journal_event row's terminal: events above it are unsynced (decision 0207). */
    private static final String UNSYNCED_ABOVE = "(SELECT COALESCE(MAX(m.synced_through_seq), 0) FROM journal_sync_mark m"
            + " WHERE m.terminal_id = journal_event.terminal_id)";
    private static final Logger log = LoggerFactory.getLogger(DayCloseRepository.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;
    private final Currency currency;
    private final VariancePolicy policy;
    private final BusinessDayRule dayRule;

    public DayCloseRepository(LocalStore store, Currency currency, VariancePolicy policy, BusinessDayRule dayRule) {
        this.store = store;
        this.currency = currency;
        this.policy = policy;
        this.dayRule = dayRule;
    }

    public VariancePolicy policy() {
        return policy;
    }

    /** The X report of the current business day: read-only, resets nothing. */
    public ZReport xReport() {
        return store.read(s -> {
            LocalDate day = currentDay(s);
            return figures(s, day, 0, store.config().clock().instant(), List.of(), null, null);
        });
    }

    /** What the drawer should hold now, per tender (revealed only after the blind count). */
    public Map<Tender, Money> expected() {
        return store.read(s -> ExpectedCashQuery.balance(s, store.terminalId(), currentDay(s), currency).expected());
    }

    /** The variances a count would give, without closing anything (the reveal step of the flow). */
    public List<TenderVariance> preview(CloseRequest req) {
        return policy.evaluate(expected(), counted(req));
    }

    /**
     * Closes the current business day.
     *
     * @throws VarianceReasonRequiredException if a variance is over the threshold and no reason was given
     */
    public ZReport close(CloseRequest req) {
        ZReport z = store.write(ctx -> close(ctx, req));
        log.info("Business day {} closed with Z {} by {}", z.businessDay(), z.zNumber(), z.signedOffBy());
        return z;
    }

    public ZReport close(WriteContext ctx, CloseRequest req) {
        Session s = ctx.session();
        LocalDate day = ctx.businessDay();
        DrawerBalance balance = ExpectedCashQuery.balance(s, ctx.terminalId(), day, currency);
        Map<Tender, Money> counted = counted(req);
        List<TenderVariance> variances = policy.evaluate(balance.expected(), counted);
        String reason = req.varianceReason() == null || req.varianceReason().isBlank() ? null
                : req.varianceReason().strip();
        if (VariancePolicy.reasonRequired(variances) && reason == null) {
            throw new VarianceReasonRequiredException(variances);
        }
        Optional<TillSessionEntity> open = TillRepository.current(s, ctx.terminalId());
        if (open.isPresent()) {
            open.get().close(ctx.now());
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("tillSessionId", open.get().sessionId().toString());
            p.put("closedBy", req.signedOffBy());
            putTenders(p.putObject("expected"), balance.expected());
            putTenders(p.putObject("counted"), counted);
            ObjectNode v = p.putObject("variance");
            variances.forEach(x -> v.put(x.tender().name(), x.variance().toPlainString()));
            p.set("denominations", JSON.valueToTree(denominations(req.cash())));
            ctx.journal(CashRepository.TILL_CLOSED, 1, p);
        }
        s.flush();
        long zNumber = Sql.query(s, "SELECT COALESCE(MAX(z_number), 0) + 1 FROM z_report WHERE terminal_id = ?",
                rs -> rs.getLong(1), ctx.terminalId()).get(0);
        Instant now = ctx.now();
        ZReport beforeClose = figures(s, day, zNumber, now, variances, reason, req.signedOffBy());
        // the manifest covers the whole day INCLUDING this DAY_CLOSED, which is its last event:
        // so the range is never empty and HQ can check it has every event of the day
        long closeSeq = Sql.query(s, "SELECT last_seq FROM terminal_state WHERE terminal_id = ?",
                rs -> rs.getLong(1), ctx.terminalId()).get(0) + 1;
        ZReport z = withRange(beforeClose, beforeClose.eventCount() == 0 ? closeSeq : beforeClose.firstSeq(), closeSeq,
                beforeClose.eventCount() + 1);
        LocalDate next = dayRule.nextAfterClose(day, now);

        JournalEvent e = ctx.journal(DAY_CLOSED, 1, manifest(z, counted, req, next));
        ObjectNode countedJson = JsonNodeFactory.instance.objectNode();
        putTenders(countedJson, counted);
        countedJson.set("denominations", JSON.valueToTree(denominations(req.cash())));
        Sql.update(s, "INSERT INTO z_report(terminal_id, z_number, business_day, closed_at, signed_off_by,"
                + " variance_reason, counted, journal_seq) VALUES (?,?,?,?,?,?,?,?)", ctx.terminalId(), zNumber, day, now,
                req.signedOffBy(), reason, countedJson.toString(), e.seq());
        ctx.advanceBusinessDay(next);
        return z;
    }

    private static Map<String, Integer> denominations(CashCount count) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        count.pieces().forEach((d, n) -> m.put(d.value().stripTrailingZeros().toPlainString(), n));
        return m;
    }

    private static ZReport withRange(ZReport r, long first, long last, long count) {
        return new ZReport(r.terminalId(), r.zNumber(), r.businessDay(), r.printedAt(), first, last, count,
                r.salesCount(), r.refundsCount(), r.voidsCount(), r.noSalesCount(), r.gross(), r.net(), r.tax(),
                r.discounts(), r.refunds(), r.taxes(), r.tenders(), r.cashiers(), r.openingFloat(), r.payIns(),
                r.payOuts(), r.drops(), r.variances(), r.varianceReason(), r.signedOffBy(), r.unsyncedEvents() + 1);
    }

    private static ZReport withUnsynced(ZReport r, long unsynced) {
        return new ZReport(r.terminalId(), r.zNumber(), r.businessDay(), r.printedAt(), r.firstSeq(), r.lastSeq(),
                r.eventCount(), r.salesCount(), r.refundsCount(), r.voidsCount(), r.noSalesCount(), r.gross(), r.net(),
                r.tax(), r.discounts(), r.refunds(), r.taxes(), r.tenders(), r.cashiers(), r.openingFloat(), r.payIns(),
                r.payOuts(), r.drops(), r.variances(), r.varianceReason(), r.signedOffBy(), unsynced);
    }

    private Map<Tender, Money> counted(CloseRequest req) {
        Map<Tender, Money> counted = new EnumMap<>(Tender.class);
        counted.put(Tender.CASH, req.cash().total());
        counted.putAll(req.otherTenders());
        return counted;
    }

    private ObjectNode manifest(ZReport z, Map<Tender, Money> counted, CloseRequest req, LocalDate next) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("zNumber", z.zNumber());
        p.put("businessDay", z.businessDay().toString());
        p.put("firstSeq", z.firstSeq());
        p.put("lastSeq", z.lastSeq());
        p.put("eventCount", z.eventCount());
        p.put("salesCount", z.salesCount());
        p.put("refundsCount", z.refundsCount());
        p.put("currency", currency.getCurrencyCode());
        ObjectNode totals = p.putObject("totals");
        totals.put("gross", z.gross().toPlainString());
        totals.put("tax", z.tax().toPlainString());
        totals.put("net", z.net().toPlainString());
        totals.put("discounts", z.discounts().toPlainString());
        totals.put("refunds", z.refunds().toPlainString());
        putTenders(p.putObject("tenders"), z.tenders());
        putTenders(p.putObject("counted"), counted);
        ObjectNode v = p.putObject("variance");
        z.variances().forEach(x -> v.put(x.tender().name(), x.variance().toPlainString()));
        p.put("varianceReason", z.varianceReason());
        p.put("signedOffBy", req.signedOffBy());
        p.put("nextBusinessDay", next.toString());
        return p;
    }

    private static void putTenders(ObjectNode node, Map<Tender, Money> m) {
        m.forEach((t, a) -> node.put(t.name(), a.toPlainString()));
    }

    /** Z numbers of this terminal with their business days, newest first. */
    public record ZSummary(long zNumber, LocalDate businessDay, Instant closedAt, String signedOffBy, long journalSeq) {
    }

    public List<ZSummary> zReports() {
        return store.read(s -> Sql.query(s, "SELECT * FROM z_report WHERE terminal_id = ? ORDER BY z_number DESC",
                rs -> new ZSummary(rs.getLong("z_number"), rs.getObject("business_day", LocalDate.class),
                        Sql.instant(rs, "closed_at"), rs.getString("signed_off_by"), rs.getLong("journal_seq")),
                store.terminalId()));
    }

    /** A stored Z report, recomputed from the closed day's rows (they cannot change any more). */
    public Optional<ZReport> zReport(long zNumber) {
        return store.read(s -> {
            record Row(LocalDate day, Instant at, String by, String reason, String counted) {
            }
            List<Row> rows = Sql.query(s, "SELECT * FROM z_report WHERE terminal_id = ? AND z_number = ?",
                    rs -> new Row(rs.getObject("business_day", LocalDate.class), Sql.instant(rs, "closed_at"),
                            rs.getString("signed_off_by"), rs.getString("variance_reason"), rs.getString("counted")),
                    store.terminalId(), zNumber);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Row r = rows.get(0);
            DrawerBalance b = ExpectedCashQuery.balance(s, store.terminalId(), r.day(), currency);
            Map<Tender, Money> counted = new EnumMap<>(Tender.class);
            JsonNode c = readTree(r.counted());
            for (Tender t : Tender.values()) {
                if (c.has(t.name())) {
                    counted.put(t, Money.of(new BigDecimal(c.get(t.name()).asText()), currency));
                }
            }
            List<TenderVariance> variances = policy.evaluate(b.expected(), counted);
            ZReport z = figures(s, r.day(), zNumber, r.at(), variances, r.reason(), r.by());
            long closeSeq = Sql.query(s, "SELECT journal_seq FROM z_report WHERE terminal_id = ? AND z_number = ?",
                    rs -> rs.getLong(1), store.terminalId(), zNumber).get(0);
            // unsynced: above the terminal's watermark (decision 0207)
            long closeUnsynced = Sql.query(s, "SELECT COUNT(*) FROM journal_event WHERE terminal_id = ? AND seq = ?"
                    + " AND seq > " + UNSYNCED_ABOVE, rs -> rs.getLong(1), store.terminalId(), closeSeq).get(0);
            ZReport full = withRange(z, z.eventCount() == 0 ? closeSeq : z.firstSeq(), closeSeq, z.eventCount() + 1);
            return Optional.of(withUnsynced(full, z.unsyncedEvents() + closeUnsynced));
        });
    }

    private LocalDate currentDay(Session s) {
        return Sql.query(s, "SELECT business_day FROM terminal_state WHERE terminal_id = ?",
                rs -> rs.getObject(1, LocalDate.class), store.terminalId()).get(0);
    }

    private ZReport figures(Session s, LocalDate day, long zNumber, Instant at, List<TenderVariance> variances,
            String reason, String signedOffBy) {
        String t = store.terminalId();
        // the events this report covers: the whole day before its DAY_CLOSED
        long[] seq = Sql.query(s, "SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0), COUNT(*),"
                + " SUM(CASE WHEN seq > " + UNSYNCED_ABOVE + " THEN 1 ELSE 0 END) FROM journal_event"
                + " WHERE terminal_id = ? AND business_day = ? AND type <> '" + DAY_CLOSED + "'",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, t, day).get(0);
        long[] counts = Sql.query(s, "SELECT (SELECT COUNT(*) FROM sale WHERE terminal_id = ?1 AND business_day = ?2),"
                + " (SELECT COUNT(*) FROM refund WHERE terminal_id = ?1 AND business_day = ?2),"
                + " (SELECT COUNT(*) FROM journal_event WHERE terminal_id = ?1 AND business_day = ?2 AND type = 'SALE_VOIDED'),"
                + " (SELECT COUNT(*) FROM journal_event WHERE terminal_id = ?1 AND business_day = ?2 AND type = 'NO_SALE')",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, t, day).get(0);
        BigDecimal[] sums = Sql.query(s, "SELECT COALESCE(SUM(gross),0), COALESCE(SUM(net),0), COALESCE(SUM(tax),0)"
                + " FROM sale WHERE terminal_id = ? AND business_day = ?",
                rs -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)}, t, day).get(0);
        BigDecimal discounts = Sql.query(s, "SELECT COALESCE(SUM(l.discount),0) FROM sale_line l JOIN sale s"
                + " ON s.sale_id = l.sale_id WHERE s.terminal_id = ? AND s.business_day = ?", rs -> rs.getBigDecimal(1),
                t, day).get(0);
        BigDecimal refunds = Sql.query(s, "SELECT COALESCE(SUM(total),0) FROM refund WHERE terminal_id = ?"
                + " AND business_day = ?", rs -> rs.getBigDecimal(1), t, day).get(0);
        List<ZReport.TaxTotal> taxes = Sql.query(s, "SELECT l.tax_code, l.tax_rate, SUM(l.net), SUM(l.tax), SUM(l.gross)"
                + " FROM sale_line l JOIN sale s ON s.sale_id = l.sale_id WHERE s.terminal_id = ? AND s.business_day = ?"
                + " GROUP BY l.tax_code, l.tax_rate ORDER BY l.tax_code",
                rs -> new ZReport.TaxTotal(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros().toPlainString(),
                        m(rs.getBigDecimal(3)), m(rs.getBigDecimal(4)), m(rs.getBigDecimal(5))), t, day);
        List<ZReport.CashierTotal> cashiers = Sql.query(s, "SELECT cashier_id, COUNT(*), SUM(gross) FROM sale"
                + " WHERE terminal_id = ? AND business_day = ? GROUP BY cashier_id ORDER BY cashier_id",
                rs -> new ZReport.CashierTotal(rs.getString(1), rs.getLong(2), m(rs.getBigDecimal(3))), t, day);
        DrawerBalance b = ExpectedCashQuery.balance(s, t, day, currency);
        Map<Tender, Money> tenders = new EnumMap<>(Tender.class);
        for (Tender tender : Tender.values()) {
            Money net = b.sales(tender).minus(b.refunds(tender));
            if (!net.isZero() || tender == Tender.CASH) {
                tenders.put(tender, net);
            }
        }
        return new ZReport(t, zNumber, day, at, seq[0], seq[1], seq[2], counts[0], counts[1], counts[2], counts[3],
                m(sums[0]), m(sums[1]), m(sums[2]), m(discounts), m(refunds), taxes, tenders, cashiers,
                b.openingFloat(), b.payIns(), b.payOuts(), b.drops(), new ArrayList<>(variances), reason, signedOffBy,
                seq[3]);
    }

    private Money m(BigDecimal v) {
        return Money.rounded(v, currency, RoundingMode.HALF_EVEN);
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new StoreException("unreadable stored count", e);
        }
    }
}
