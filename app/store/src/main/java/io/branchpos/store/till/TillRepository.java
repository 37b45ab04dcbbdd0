package io.branchpos.store.till;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denomination;
import io.branchpos.domain.till.TillSession;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/** Opening a till and finding the open one. The rest of cash management builds on these sessions. */
public final class TillRepository {
    public static final String TILL_OPENED = "TILL_OPENED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;

    public TillRepository(LocalStore store) {
        this.store = store;
    }

    /**
     * Opens this terminal's till with a counted float, journaled as {@code TILL_OPENED}.
     *
     * @throws StoreException if a till session is already open on this terminal
     */
    public TillSession open(String userId, CashCount openingFloat) {
        return store.write(ctx -> open(ctx, userId, openingFloat));
    }

    public TillSession open(WriteContext ctx, String userId, CashCount openingFloat) {
        Session s = ctx.session();
        if (current(s, ctx.terminalId()).isPresent()) {
            throw new StoreException("the till is already open on " + ctx.terminalId() + "; close it first");
        }
        TillSessionEntity e = new TillSessionEntity();
        e.sessionId = ctx.newId();
        e.terminalId = ctx.terminalId();
        e.openedBy = userId;
        e.openedAt = ctx.now();
        e.businessDay = ctx.businessDay();
        e.currency = openingFloat.currency().getCurrencyCode();
        e.openingFloat = openingFloat.total().amount();
        e.floatCount = countJson(openingFloat).toString();
        e.openSlot = ctx.terminalId();
        s.persist(e);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("tillSessionId", e.sessionId.toString());
        payload.put("cashierId", userId);
        payload.put("currency", e.currency);
        payload.put("float", openingFloat.total().toPlainString());
        payload.set("denominations", countJson(openingFloat));
        ctx.journal(TILL_OPENED, 1, payload);
        return toDomain(e);
    }

    /** The open till session of this terminal, if any. */
    public Optional<TillSession> current() {
        // plain JDBC: the selling screen asks this at the first scan, before Hibernate need be up (decision 0016)
        return store.jdbc(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT session_id, terminal_id, opened_by,"
                    + " opened_at, business_day, currency, opening_float, closed_at FROM till_session"
                    + " WHERE open_slot = ?")) {
                ps.setString(1, store.terminalId());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    TillSessionEntity e = new TillSessionEntity();
                    e.sessionId = rs.getObject(1, java.util.UUID.class);
                    e.terminalId = rs.getString(2);
                    e.openedBy = rs.getString(3);
                    e.openedAt = rs.getObject(4, java.time.OffsetDateTime.class).toInstant();
                    e.businessDay = rs.getObject(5, java.time.LocalDate.class);
                    e.currency = rs.getString(6);
                    e.openingFloat = rs.getBigDecimal(7);
                    java.time.OffsetDateTime closed = rs.getObject(8, java.time.OffsetDateTime.class);
                    e.closedAt = closed == null ? null : closed.toInstant();
                    return Optional.of(toDomain(e));
                }
            }
        });
    }

    /** The open session's row, for cash-management code that changes it inside its own transaction. */
    public static Optional<TillSessionEntity> current(Session s, String terminalId) {
        List<TillSessionEntity> open = s.createSelectionQuery(
                "from TillSessionEntity where openSlot = :t", TillSessionEntity.class)
                .setParameter("t", terminalId).getResultList();
        return open.stream().findFirst();
    }

    static ObjectNode countJson(CashCount count) {
        ObjectNode n = JSON.createObjectNode();
        for (Map.Entry<Denomination, Integer> e : count.pieces().entrySet()) {
            n.put(e.getKey().value().stripTrailingZeros().toPlainString(), e.getValue());
        }
        return n;
    }

    public static TillSession toDomain(TillSessionEntity e) {
        Currency c = Currency.getInstance(e.currency);
        Money f = Money.of(e.openingFloat.setScale(Math.max(c.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY), c);
        return new TillSession(e.sessionId, e.terminalId, e.openedBy, e.openedAt, e.businessDay, f, e.closedAt);
    }
}
