package io.branchpos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes run on one kept connection (decision 0022): H2 empties a session's statement cache at every
 * rollback, which a pooled connection gets each time it goes back to the pool, so a sale used to parse
 * all its SQL again. A failed write must still leave nothing behind for the next one.
 */
class WriteConnectionTest {
    private static final String SQL = "SELECT last_seq FROM terminal_state WHERE terminal_id = ?";

    @TempDir
    Path dir;

    @Test
    void theNextWriteGetsTheStatementH2ParsedForThePreviousOne() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            Object first = store.write(ctx -> parsedCommand(ctx));
            Object second = store.write(ctx -> parsedCommand(ctx));
            Object logged = store.writeLogged(ctx -> parsedCommand(ctx));

            assertThat(second).isSameAs(first);
            assertThat(logged).isSameAs(first);
        }
    }

    @Test
    void theJournalHeadIsLockedWithTheStatementH2ParsedForThePreviousWrite() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            store.write(ctx -> null);
            Object first = headLockCommand(store);
            store.writeLogged(ctx -> null);
            store.write(ctx -> null);

            assertThat(headLockCommand(store)).isSameAs(first);
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehindForTheNextWrite() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            store.write(ctx -> update(ctx, "CREATE TABLE probe(id INT PRIMARY KEY)"));
            assertThatThrownBy(() -> store.write(ctx -> {
                update(ctx, "INSERT INTO probe VALUES (1)");
                throw new IllegalStateException("work failed");
            })).hasMessage("work failed");

            int rows = store.write(ctx -> {
                update(ctx, "INSERT INTO probe VALUES (2)");
                return count(ctx);
            });
            assertThat(rows).isEqualTo(1);
            int kept = store.jdbc(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM probe")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(kept).isEqualTo(2);
        }
    }

    private static Object parsedCommand(WriteContext ctx) {
        try (PreparedStatement ps = ctx.connection().prepareStatement(SQL)) {
            ps.setString(1, ctx.terminalId());
            ps.executeQuery().close();
            Field command = JdbcPreparedStatement.class.getDeclaredField("command");
            command.setAccessible(true);
            return command.get(ps.unwrap(JdbcPreparedStatement.class));
        } catch (SQLException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** H2's parsed command behind the store's kept {@code SELECT ... FOR UPDATE} of the journal head. */
    private static Object headLockCommand(LocalStore store) throws ReflectiveOperationException, SQLException {
        Field headLock = LocalStore.class.getDeclaredField("headLock");
        headLock.setAccessible(true);
        PreparedStatement ps = (PreparedStatement) headLock.get(store);
        Field command = JdbcPreparedStatement.class.getDeclaredField("command");
        command.setAccessible(true);
        return command.get(ps.unwrap(JdbcPreparedStatement.class));
    }

    private static Object update(WriteContext ctx, String sql) {
        try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            ps.executeUpdate();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(WriteContext ctx) {
        try (ResultSet rs = ctx.connection().createStatement().executeQuery("SELECT COUNT(*) FROM probe")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
