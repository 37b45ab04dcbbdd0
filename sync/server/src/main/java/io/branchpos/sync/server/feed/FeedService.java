package io.branchpos.sync.server.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.ProtocolJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Serves a branch's catalog feed from {@code feed_change}. Only changes of transactions below the
 * snapshot's xmin are served — all of those have ended, so a change can never commit behind a
 * cursor already handed out (decision 0250). The cursor is {@code "<xid>.<change_id>"}.
 */
public final class FeedService {

    /** Largest page a terminal may ask for (bootstrap pages, decision 0254: about 1.5 MB of JSON). */
    public static final int MAX_LIMIT = 5000;

    /** A cursor a terminal sent: position after which it wants changes. */
    public record Cursor(String xid, long changeId) {
        public static Cursor parse(String text) {
            if (text == null || text.isEmpty() || FeedPage.START.equals(text)) {
                return new Cursor("0", 0);
            }
            int dot = text.indexOf('.');
            if (dot <= 0 || text.length() > 41) {
                throw new IllegalArgumentException("malformed feed cursor: " + text);
            }
            try {
                long xid = Long.parseUnsignedLong(text.substring(0, dot));
                long id = Long.parseLong(text.substring(dot + 1));
                if (id < 0) {
                    throw new NumberFormatException();
                }
                return new Cursor(Long.toUnsignedString(xid), id);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed feed cursor: " + text);
            }
        }

        @Override
        public String toString() {
            return xid + "." + changeId;
        }
    }

    private static final String VISIBLE = " from feed_change where (branch_id is null or branch_id = ?) "
            + "and (xid, change_id) > (?::xid8, ?) and xid < pg_snapshot_xmin(pg_current_snapshot()) ";

    private final DataSource dataSource;

    public FeedService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The changes after {@code after} for {@code branchId}, at most {@code limit} (1..{@link #MAX_LIMIT}). */
    public FeedPage page(String branchId, Cursor after, int limit) throws SQLException {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        try (Connection c = dataSource.getConnection()) {
            // one snapshot for the page and the count behind it
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<FeedChange> changes = new ArrayList<>(Math.min(n, 512));
                Cursor last = after;
                try (PreparedStatement ps = c.prepareStatement("select xid::text, change_id, kind, entity_key, intended, data"
                        + VISIBLE + "order by xid, change_id limit ?")) {
                    ps.setString(1, branchId);
                    ps.setString(2, after.xid());
                    ps.setLong(3, after.changeId());
                    ps.setInt(4, n);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            last = new Cursor(rs.getString(1), rs.getLong(2));
                            changes.add(new FeedChange(rs.getString(3), rs.getString(4), rs.getBoolean(5),
                                    ProtocolJson.mapper().readTree(rs.getString(6))));
                        }
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("feed_change holds invalid JSON", e);
                }
                long remaining = 0;
                if (changes.size() == n) {
                    try (PreparedStatement ps = c.prepareStatement("select count(*)" + VISIBLE)) {
                        ps.setString(1, branchId);
                        ps.setString(2, last.xid());
                        ps.setLong(3, last.changeId());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            remaining = rs.getLong(1);
                        }
                    }
                }
                c.commit();
                return new FeedPage(last.toString(), remaining > 0, remaining, changes);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }
}
