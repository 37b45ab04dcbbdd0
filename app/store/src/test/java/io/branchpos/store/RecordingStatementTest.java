package io.branchpos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a logged write's statements record for the sale log (decisions 0014, 0024): every execution
 * and batch with the parameters bound for it, once the database took it; anything a redo could not
 * repeat fails the write.
 */
class RecordingStatementTest {
    private static final String INSERT = "INSERT INTO probe(id, name, amount) VALUES (?, ?, ?)";

    @TempDir
    Path dir;

    @Test
    void executionsAndBatchesAreRecordedWithTheParametersBoundForEach() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            createProbe(store);
            RedoRecord redo = new RedoRecord("T-001", 0, "0".repeat(64));
            store.jdbc(c -> {
                try (PreparedStatement ps = redo.prepare(c, INSERT)) {
                    ps.setLong(1, 1);
                    ps.setString(2, "one");
                    ps.setBigDecimal(3, new BigDecimal("1.50"));
                    ps.executeUpdate();
                    ps.clearParameters();
                    ps.setLong(1, 2);
                    ps.setNull(2, java.sql.Types.VARCHAR);
                    ps.setObject(3, new BigDecimal("2"));
                    ps.addBatch();
                    ps.setLong(1, 3);
                    ps.setString(2, "three");
                    ps.addBatch();
                    ps.executeBatch();
                }
                return null;
            });

            assertThat(redo.steps).hasSize(2);
            assertThat(redo.steps.get(0).sql()).isEqualTo(INSERT);
            assertThat(redo.steps.get(0).rows()).containsExactly(row(1L, "one", new BigDecimal("1.50")));
            assertThat(redo.steps.get(1).rows()).containsExactly(row(2L, null, new BigDecimal("2")),
                    row(3L, "three", new BigDecimal("2")));
            assertThat(RedoRecord.fromBytes(redo.toBytes()).steps).isEqualTo(redo.steps);
        }
    }

    @Test
    void anExecutionTheDatabaseRefusedIsNotRecorded() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            createProbe(store);
            RedoRecord redo = new RedoRecord("T-001", 0, "0".repeat(64));
            assertThatThrownBy(() -> store.jdbc(c -> {
                try (PreparedStatement ps = redo.prepare(c, INSERT)) {
                    ps.setLong(1, 1);
                    ps.setString(2, "x".repeat(100)); // longer than the column
                    ps.setBigDecimal(3, BigDecimal.ONE);
                    return ps.executeUpdate();
                }
            })).isInstanceOf(StoreException.class);

            assertThat(redo.steps).isEmpty();
        }
    }

    @Test
    void aLoggedWriteThatBindsAValueTheLogCannotRepeatFailsAndKeepsNothing() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            createProbe(store);

            assertThatThrownBy(() -> store.writeLogged(ctx -> {
                try (PreparedStatement ps = ctx.prepare(ctx.connection(), INSERT)) {
                    ps.setLong(1, 1);
                    ps.setTimestamp(2, new Timestamp(0));
                    return ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setTimestamp");

            assertThat(rows(store)).isZero();
        }
    }

    @Test
    void aLoggedWriteCannotQueryThroughARecordedStatement() throws Exception {
        try (LocalStore store = TestStores.open(dir)) {
            createProbe(store);

            assertThatThrownBy(() -> store.writeLogged(ctx -> {
                try (PreparedStatement ps = ctx.prepare(ctx.connection(), "SELECT COUNT(*) FROM probe")) {
                    return ps.executeQuery();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executeQuery");
        }
    }

    private static TreeMap<Integer, Object> row(Object id, Object name, Object amount) {
        TreeMap<Integer, Object> row = new TreeMap<>(Map.of(1, id, 3, amount));
        row.put(2, name);
        return row;
    }

    private static void createProbe(LocalStore store) {
        store.jdbc(c -> c.createStatement().executeUpdate(
                "CREATE TABLE probe(id BIGINT PRIMARY KEY, name VARCHAR(10), amount DECIMAL(9,2))"));
    }

    private static int rows(LocalStore store) {
        return store.jdbc(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM probe")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
