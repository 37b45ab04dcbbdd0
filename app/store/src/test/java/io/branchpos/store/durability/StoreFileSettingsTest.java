package io.branchpos.store.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 settings of decisions 0007 and 0008 are the ones the open store actually runs with. */
class StoreFileSettingsTest {
    @TempDir
    Path dir;

    @Test
    void backgroundCompactionStartsOnlyUnderHalfFull() {
        try (LocalStore store = TestStores.open(dir)) {
            assertEquals("50", setting(store, "AUTO_COMPACT_FILL_RATE"));
        }
    }

    @Test
    void journalPayloadsUpTo16KiBAreKeptInsideTheirRow() {
        try (LocalStore store = TestStores.open(dir)) {
            assertEquals("16384", setting(store, "MAX_LENGTH_INPLACE_LOB"));
        }
    }

    @Test
    void bTreePagesSplitAt4KiBSoACommitRewritesSmallPages() {
        try (LocalStore store = TestStores.open(dir)) {
            long pageSplitSize = store.jdbc(c -> ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                    .getSession()).getDatabase().getStore().getMvStore().getMaxPageSize());
            assertEquals(4096L, pageSplitSize);
        }
    }

    @Test
    void saleLinesKeepOneIndexLedBySku() {
        try (LocalStore store = TestStores.open(dir)) {
            String indexes = store.jdbc(c -> {
                StringBuilder out = new StringBuilder();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT i.INDEX_NAME"
                        + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS i WHERE i.TABLE_NAME = 'SALE_LINE'"
                        + " AND i.COLUMN_NAME = 'SKU' AND i.ORDINAL_POSITION = 1")) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append(' ');
                    }
                }
                return out.toString().trim();
            });
            assertEquals("SALE_LINE_SERIAL", indexes);
            assertFalse(indexes.contains("SALE_LINE_SKU"));
        }
    }

    private static String setting(LocalStore store, String name) {
        return store.jdbc(c -> {
            try (var ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
