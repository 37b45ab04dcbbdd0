package io.branchpos.sync.server.feed;

import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.FeedSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A branch's feed folded at one position, streamed for a new terminal's bootstrap (decision 0258).
 * One REPEATABLE READ snapshot gives both the position and the rows: the position is the last
 * change the feed would serve now (below the snapshot's xmin, decision 0250), and the rows are
 * exactly the changes at or before it — catalog kinds reduced to the last change per key, every
 * other kind as it is — in feed order. The terminal then pulls the feed after that position, so a
 * change written at HQ meanwhile comes exactly once: in the snapshot if it is at or before the
 * position, in the feed if after.
 */
public final class FeedSnapshotService {
    private static final String VISIBLE = " from feed_change where (branch_id is null or branch_id = ?) "
            + "and xid < pg_snapshot_xmin(pg_current_snapshot()) ";
    private static final String FOLDED = "'" + FeedChange.TAX + "', '" + FeedChange.PRODUCT + "', '" + FeedChange.PRICE + "'";

    private final DataSource dataSource;

    public FeedSnapshotService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the snapshot of {@code branchId} to {@code out} (see {@link FeedSnapshot}); returns the
     * number of change lines. Called with the response not yet committed: a database failure before
     * the first byte surfaces as {@link SQLException}; a failure later truncates the stream, which
     * the terminal detects (no END line).
     */
    public long write(String branchId, OutputStreamSupplier out) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                try (var st = c.createStatement()) {
                    st.execute("set local work_mem = '128MB'"); // the fold and its re-ordering sort in memory
                }
                String cursor = FeedPage.START;
                try (PreparedStatement ps = c.prepareStatement("select xid::text, change_id" + VISIBLE
                        + "order by xid desc, change_id desc limit 1")) {
                    ps.setString(1, branchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            cursor = new FeedService.Cursor(rs.getString(1), rs.getLong(2)).toString();
                        }
                    }
                }
                long rows;
                try (PreparedStatement ps = c.prepareStatement(
                        // count(*) over (): the number of change lines comes with the first row (the final sort has
                        // read them all by then anyway), so the terminal can show how far its load has got
                        "select kind, entity_key, intended, data, count(*) over () from ("
                                + " select * from (select distinct on (kind, entity_key) xid, change_id, kind, entity_key, intended, data"
                                + VISIBLE + " and kind in (" + FOLDED + ") order by kind, entity_key, xid desc, change_id desc) last_per_key"
                                + " union all select xid, change_id, kind, entity_key, intended, data" + VISIBLE
                                + " and kind not in (" + FOLDED + ")) rows_at_position order by xid, change_id")) {
                    ps.setString(1, branchId);
                    ps.setString(2, branchId);
                    ps.setFetchSize(2_000); // stream from PostgreSQL (a cursor), not the whole result in memory
                    try (ResultSet rs = ps.executeQuery()) {
                        boolean more = rs.next();
                        try (FeedSnapshot.Writer w = new FeedSnapshot.Writer(out.open(more ? rs.getLong(5) : 0), cursor)) {
                            for (; more; more = rs.next()) {
                                w.row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4));
                            }
                            w.finish();
                            rows = w.rows();
                        }
                    }
                }
                c.commit();
                return rows;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    /**
     * Opens the response body once the first row is ready (so a failing query can still answer 503);
     * {@code changes} is the number of change lines that will follow (for the terminal's progress bar).
     */
    @FunctionalInterface
    public interface OutputStreamSupplier {
        OutputStream open(long changes) throws IOException;
    }
}
