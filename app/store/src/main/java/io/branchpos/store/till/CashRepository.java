package io.branchpos.store.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.store.LocalStore;
import io.branchpos.store.StoreException;
import io.branchpos.store.WriteContext;
import io.branchpos.store.journal.JournalEvent;
import io.branchpos.store.report.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Pay-ins, pay-outs and safe drops: each one row plus its {@code CASH_MOVEMENT} event in one
 * durable transaction. Also reads the till sessions of a business day from the journal
 * ({@code TILL_OPENED}/{@code TILL_CLOSED}), which is the contract both ends agree on.
 */
public final class CashRepository {
    public static final String CASH_MOVEMENT = "CASH_MOVEMENT";
    public static final String TILL_OPENED = "TILL_OPENED";
    public static final String TILL_CLOSED = "TILL_CLOSED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStore store;

    public CashRepository(LocalStore store) {
        this.store = store;
    }

    /** A recorded movement. */
    public record Recorded(UUID movementId, UUID tillSessionId, CashMovementKind kind, Money amount, String reason,
            String userId, Instant at, long journalSeq) {
    }

    /** A till session as the journal tells it. */
    public record SessionInfo(UUID tillSessionId, String cashierId, Money openingFloat, Instant openedAt,
            boolean closed) {
    }

    /** Records a pay-in, pay-out or drop against the open till session (if any) of this business day. */
    public Recorded record(CashMovement movement, String userId) {
        return store.write(ctx -> record(ctx, movement, userId));
    }

    public Recorded record(WriteContext ctx, CashMovement movement, String userId) {
        Session s = ctx.session();
        UUID sessionId = openSession(s, ctx.terminalId(), ctx.businessDay()).map(SessionInfo::tillSessionId)
                .orElse(null);
        if (movement.kind() != CashMovementKind.PAY_IN) {
            Money expected = ExpectedCashQuery.balance(s, ctx.terminalId(), ctx.businessDay(),
                    movement.amount().currency()).expectedCash();
            if (movement.amount().isGreaterThan(expected)) {
                throw new StoreException("the drawer should hold only " + expected.toPlainString()
                        + " — a " + movement.kind() + " of " + movement.amount().toPlainString() + " is more than that");
            }
        }
        UUID id = ctx.newId();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("movementId", id.toString());
        p.put("tillSessionId", sessionId == null ? null : sessionId.toString());
        p.put("kind", movement.kind().name());
        p.put("amount", movement.amount().toPlainString());
        p.put("currency", movement.amount().currency().getCurrencyCode());
        p.put("reason", movement.reason());
        p.put("userId", userId);
        JournalEvent e = ctx.journal(CASH_MOVEMENT, 1, p);
        Instant at = ctx.now();
        Sql.update(s, "INSERT INTO cash_movement(movement_id, till_session_id, terminal_id, business_day, kind, amount,"
                + " currency, reason, user_id, occurred_at, journal_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                id, sessionId, ctx.terminalId(), ctx.businessDay(), movement.kind().name(), movement.amount().amount(),
                movement.amount().currency().getCurrencyCode(), movement.reason(), userId, at, e.seq());
        return new Recorded(id, sessionId, movement.kind(), movement.amount(), movement.reason(), userId, at, e.seq());
    }

    /** The movements of a business day at this terminal, oldest first. */
    public List<Recorded> movements(LocalDate day) {
        return store.read(s -> movements(s, store.terminalId(), day));
    }

    public static List<Recorded> movements(Session s, String terminal, LocalDate day) {
        return Sql.query(s, "SELECT * FROM cash_movement WHERE terminal_id = ? AND business_day = ? ORDER BY journal_seq",
                rs -> new Recorded(rs.getObject("movement_id", UUID.class), rs.getObject("till_session_id", UUID.class),
                        CashMovementKind.valueOf(rs.getString("kind")),
                        Money.of(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))),
                        rs.getString("reason"), rs.getString("user_id"), Sql.instant(rs, "occurred_at"),
                        rs.getLong("journal_seq")), terminal, day);
    }

    /** The sessions opened in a business day, from the TILL_OPENED / TILL_CLOSED events. */
    public List<SessionInfo> sessions(LocalDate day) {
        return store.read(s -> sessions(s, store.terminalId(), day));
    }

    public Optional<SessionInfo> openSession() {
        return store.read(s -> openSession(s, store.terminalId(), businessDay(s)));
    }

    private LocalDate businessDay(Session s) {
        return Sql.query(s, "SELECT business_day FROM terminal_state WHERE terminal_id = ?",
                rs -> rs.getObject(1, LocalDate.class), store.terminalId()).get(0);
    }

    static Optional<SessionInfo> openSession(Session s, String terminal, LocalDate day) {
        List<SessionInfo> all = sessions(s, terminal, day);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).closed()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public static List<SessionInfo> sessions(Session s, String terminal, LocalDate day) {
        record Row(String type, String payload, Instant at) {
        }
        List<Row> rows = Sql.query(s, "SELECT type, payload, occurred_at FROM journal_event WHERE terminal_id = ?"
                + " AND business_day = ? AND type IN ('" + TILL_OPENED + "','" + TILL_CLOSED + "') ORDER BY seq",
                rs -> new Row(rs.getString("type"), rs.getString("payload"), Sql.instant(rs, "occurred_at")),
                terminal, day);
        List<SessionInfo> out = new ArrayList<>();
        for (Row r : rows) {
            JsonNode p = parse(r.payload());
            UUID id = UUID.fromString(p.path("tillSessionId").asText());
            if (r.type().equals(TILL_OPENED)) {
                String cur = p.path("currency").asText("EUR");
                out.add(new SessionInfo(id, p.path("cashierId").asText(null),
                        Money.of(new BigDecimal(p.path("float").asText("0")), Currency.getInstance(cur)), r.at(), false));
            } else {
                out.replaceAll(x -> x.tillSessionId().equals(id)
                        ? new SessionInfo(x.tillSessionId(), x.cashierId(), x.openingFloat(), x.openedAt(), true) : x);
            }
        }
        return out;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new StoreException("unreadable journal payload", e);
        }
    }
}
