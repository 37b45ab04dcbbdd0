package io.branchpos.sync.server.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs catalog writes in one PostgreSQL transaction each: all of it reaches the feed, or none. */
public final class CatalogService {

    /** Work on the catalog inside one transaction. */
    @FunctionalInterface
    public interface CatalogWork<T> {
        T run(CatalogChanges changes) throws SQLException;
    }

    private final DataSource dataSource;

    public CatalogService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Commits what {@code work} wrote, or rolls all of it back if it throws. */
    public <T> T write(String actor, CatalogWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new CatalogChanges(c, actor));
                try (var st = c.createStatement()) {
                    // delivered at commit to every server instance, which tells its terminals (FeedSignals)
                    st.execute("select pg_notify('catalog_feed', pg_current_xact_id()::text)");
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
