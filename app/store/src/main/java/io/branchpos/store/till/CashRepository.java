package io.branchpos.store.till;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.domain.till.TillSession;
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
 * durable transaction, against the till session opened by {@link TillRepository}.
 */
public final class CashRepository {
    public static final String CASH_MOVEMENT = "CASH_MOVEMENT";
    public static final String TILL_CLOSED = "TILL_CLOSED";

    private final LocalStore store;

    public CashRepository(LocalStore store) {
        this.store = store;
    }

    /** A recorded movement. */
    public record Recorded(UUID movementId, UUID tillSessionId, CashMovementKind kind, Money amount, String reason,
            String userId, Instant at, long journalSeq) {
    }

    /**
     * Records a pay-in, pay-out or drop against the open till session.
     *
     * @throws StoreException if no till is open, or a pay-out/drop is more than the drawer should hold
     */
    public Recorded record(CashMovement movement, String userId) {
        return store.write(ctx -> record(ctx, movement, userId));
    }

    public Recorded record(WriteContext ctx, CashMovement movement, String userId) {
        Session s = ctx.session();
        UUID sessionId = TillRepository.current(s, ctx.terminalId()).map(TillSessionEntity::sessionId)
                .orElseThrow(() -> new StoreException("the till is not open — open it with a counted float first"));
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

    /** The till sessions opened in a business day at this terminal, oldest first. */
    public List<TillSession> sessions(LocalDate day) {
        return store.read(s -> sessions(s, store.terminalId(), day));
    }

    public static List<TillSession> sessions(Session s, String terminal, LocalDate day) {
        return s.createSelectionQuery("from TillSessionEntity where terminalId = :t and businessDay = :d"
                + " order by openedAt", TillSessionEntity.class).setParameter("t", terminal).setParameter("d", day)
                .getResultList().stream().map(TillRepository::toDomain).toList();
    }

}
