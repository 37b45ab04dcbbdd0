package io.branchpos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.demo.DemoCatalog;
import io.branchpos.store.journal.JournalRepository;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sales history is a store the app could have written: the same schema as a fresh
 * store (the indexes dropped for the load are back, the foreign keys checked again), a journal
 * whose hash chain verifies and whose head is the terminal's, and a sale with its lines and
 * payment behind every event.
 */
class SalesHistoryTest {
    private static final int SKUS = 2_000;
    private static final int SALES = 5_100; // the 64 templates and two full chunks of copies and a part

    @TempDir
    Path tmp;

    @Test
    void aGeneratedHistoryIsAStoreTheAppCouldHaveWritten() throws Exception {
        List<String> freshSchema;
        try (LocalStore fresh = Stores.open(tmp.resolve("fresh"))) {
            freshSchema = fresh.jdbc(SalesHistoryTest::schema);
        }
        try (LocalStore store = Stores.open(tmp.resolve("history"))) {
            new CatalogRepository(store).importAll(new DemoCatalog(SKUS, 42), DemoCatalog.RATES);

            SalesHistory.Written w = SalesHistory.append(store, SKUS, 100, SALES, Long.MAX_VALUE / 4, 1_000);

            assertThat(w.sales()).isEqualTo(SALES);
            assertThat(store.jdbc(SalesHistoryTest::schema)).isEqualTo(freshSchema);
            JournalRepository journal = new JournalRepository(store);
            JournalRepository.ChainCheck chain = journal.verifyChain();
            assertThat(chain.ok()).as(String.valueOf(chain.problem())).isTrue();
            assertThat(chain.events()).isEqualTo(SALES);
            assertThat(journal.lastSeq()).isEqualTo(SALES);
            assertThat(journal.syncedThroughSeq()).isEqualTo(SALES - 1_000);
            assertThat(count(store, "SELECT COUNT(*) FROM terminal_state t JOIN journal_event e"
                    + " ON e.terminal_id = t.terminal_id AND e.seq = t.last_seq AND e.hash = t.last_hash")).isEqualTo(1);
            assertThat(count(store, "SELECT next_receipt_no FROM terminal_state")).isEqualTo(SALES + 1);
            assertThat(count(store, "SELECT COUNT(*) FROM sale s JOIN journal_event e ON e.seq = s.journal_seq"
                    + " AND e.type = 'SALE_COMPLETED' AND e.payload LIKE '%' || s.sale_id || '%'"
                    + " AND e.payload LIKE '%\"' || s.receipt_number || '\"%'")).isEqualTo(SALES);
            assertThat(count(store, "SELECT COUNT(*) FROM sale_line l WHERE NOT EXISTS"
                    + " (SELECT 1 FROM sale s WHERE s.sale_id = l.sale_id)")).isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM payment p WHERE NOT EXISTS"
                    + " (SELECT 1 FROM sale s WHERE s.sale_id = p.sale_id)")).isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM sale s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM payment p WHERE p.sale_id = s.sale_id)")).isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM (SELECT sale_id FROM sale_line GROUP BY sale_id"
                    + " HAVING COUNT(*) BETWEEN 1 AND 5)")).isEqualTo(SALES);
            // the foreign keys are checked again after the load
            assertThatThrownBy(() -> store.jdbc(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO payment(sale_id, payment_no, tender, amount)"
                            + " VALUES (RANDOM_UUID(), 1, 'CASH', 1)");
                }
            })).hasMessageContaining("Referential integrity");
        }
    }

    /** Tables, columns, indexes (with their columns) and constraints, as H2 scripts them. */
    private static List<String> schema(java.sql.Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!line.startsWith("--") && !line.startsWith("CREATE USER")) {
                    lines.add(line.replaceAll(" SELECTIVITY \\d+", ""));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static long count(LocalStore store, String sql) {
        return store.jdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
