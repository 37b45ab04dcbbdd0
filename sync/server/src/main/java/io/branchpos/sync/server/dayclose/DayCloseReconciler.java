package io.branchpos.sync.server.dayclose;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.ProtocolJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Checks each Z report (DAY_CLOSED manifest) against what HQ holds for the seqs it covers:
 * RECONCILED when every event arrived and applied and counts, net gross and tenders match;
 * WAITING while events of the range are missing or quarantined; MISMATCH with the differences
 * otherwise. Re-running is harmless (one row per terminal and Z number, overwritten).
 */
public final class DayCloseReconciler {

    public enum Status { RECONCILED, WAITING, MISMATCH }

    public record Result(String terminalId, int zNumber, Status status, String detail) {
    }

    private final DataSource dataSource;

    public DayCloseReconciler(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Checks every day close not yet reconciled. */
    public List<Result> reconcilePending() throws SQLException {
        List<Result> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select d.terminal_id, d.z_number from day_close d left join day_reconciliation r "
                    + "on r.terminal_id = d.terminal_id and r.z_number = d.z_number where r.status is null or r.status <> 'RECONCILED' "
                    + "order by d.terminal_id, d.z_number"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new Object[] {rs.getString(1), rs.getInt(2)});
                }
            }
            for (Object[] p : pending) {
                out.add(reconcile(c, (String) p[0], (Integer) p[1]));
            }
        }
        return out;
    }

    private Result reconcile(Connection c, String terminal, int z) throws SQLException {
        long first;
        long last;
        long eventCount;
        long salesCount;
        long refundsCount;
        BigDecimal gross;
        JsonNode manifest;
        try (PreparedStatement ps = c.prepareStatement("select d.first_seq, d.last_seq, d.event_count, d.sales_count, d.refunds_count, d.gross, "
                + "e.payload from day_close d join event e on e.event_id = d.event_id where d.terminal_id = ? and d.z_number = ?")) {
            ps.setString(1, terminal);
            ps.setInt(2, z);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
                last = rs.getLong(2);
                eventCount = rs.getLong(3);
                salesCount = rs.getLong(4);
                refundsCount = rs.getLong(5);
                gross = rs.getBigDecimal(6);
                manifest = ProtocolJson.mapper().readTree(rs.getString(7));
            }
        } catch (IOException e) {
            return store(c, new Result(terminal, z, Status.MISMATCH, "the DAY_CLOSED payload is unreadable"));
        }
        long arrived = 0;
        long quarantined = 0;
        long sales = 0;
        long refunds = 0;
        BigDecimal hqGross = BigDecimal.ZERO;
        Map<String, BigDecimal> tenders = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select type, status, payload from event where terminal_id = ? and seq between ? and ?")) {
            ps.setString(1, terminal);
            ps.setLong(2, first);
            ps.setLong(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    arrived++;
                    if ("QUARANTINED".equals(rs.getString(2))) {
                        quarantined++;
                        continue;
                    }
                    String type = rs.getString(1);
                    if (!"SALE_COMPLETED".equals(type) && !"REFUND_COMPLETED".equals(type)) {
                        continue;
                    }
                    JsonNode p = ProtocolJson.mapper().readTree(rs.getString(3));
                    boolean sale = "SALE_COMPLETED".equals(type);
                    if (sale) {
                        sales++;
                        hqGross = hqGross.add(new BigDecimal(p.path("totals").path("gross").asText("0")));
                    } else {
                        refunds++;
                        hqGross = hqGross.subtract(new BigDecimal(p.path("total").asText("0")));
                    }
                    for (JsonNode pay : p.path("payments")) {
                        BigDecimal amount = new BigDecimal(pay.path("amount").asText("0"))
                                .subtract(new BigDecimal(pay.path("change").asText("0")));
                        tenders.merge(pay.path("tender").asText(), sale ? amount : amount.negate(), BigDecimal::add);
                    }
                }
            }
        } catch (IOException e) {
            return store(c, new Result(terminal, z, Status.MISMATCH, "an event payload of the day is unreadable"));
        }
        if (arrived < eventCount || quarantined > 0) {
            return store(c, new Result(terminal, z, Status.WAITING, "arrived " + arrived + " of " + eventCount + " events of seq "
                    + first + ".." + last + (quarantined > 0 ? ", " + quarantined + " quarantined" : "")));
        }
        List<String> diffs = new ArrayList<>();
        if (arrived != eventCount) {
            diffs.add("events: Z says " + eventCount + ", HQ has " + arrived);
        }
        if (sales != salesCount) {
            diffs.add("sales: Z says " + salesCount + ", HQ has " + sales);
        }
        if (refunds != refundsCount) {
            diffs.add("refunds: Z says " + refundsCount + ", HQ has " + refunds);
        }
        if (hqGross.compareTo(gross) != 0) {
            diffs.add("gross: Z says " + gross.stripTrailingZeros().toPlainString() + ", HQ has " + hqGross.stripTrailingZeros().toPlainString());
        }
        Map<String, BigDecimal> zTenders = new TreeMap<>();
        manifest.path("tenders").fields().forEachRemaining(f -> zTenders.put(f.getKey(), new BigDecimal(f.getValue().asText("0"))));
        for (String tender : union(zTenders, tenders)) {
            BigDecimal a = zTenders.getOrDefault(tender, BigDecimal.ZERO);
            BigDecimal b = tenders.getOrDefault(tender, BigDecimal.ZERO);
            if (a.compareTo(b) != 0) {
                diffs.add(tender + ": Z says " + a.stripTrailingZeros().toPlainString() + ", HQ has " + b.stripTrailingZeros().toPlainString());
            }
        }
        return store(c, diffs.isEmpty() ? new Result(terminal, z, Status.RECONCILED, "all " + eventCount + " events arrived; totals match")
                : new Result(terminal, z, Status.MISMATCH, String.join("; ", diffs)));
    }

    private static List<String> union(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        TreeMap<String, BigDecimal> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }

    private static Result store(Connection c, Result r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into day_reconciliation (terminal_id, z_number, status, detail) values (?, ?, ?, ?) "
                + "on conflict (terminal_id, z_number) do update set status = excluded.status, detail = excluded.detail, checked_at = now()")) {
            ps.setString(1, r.terminalId());
            ps.setInt(2, r.zNumber());
            ps.setString(3, r.status().name());
            ps.setString(4, r.detail());
            ps.executeUpdate();
        }
        return r;
    }
}
